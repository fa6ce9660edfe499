package dev.parley;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The module graph of DESIGN.md holds: no cycles, only declared dependencies, nothing depends on realtime. */
class ModularityTests {

    @Test
    void modulesOnlyUseTheirAllowedDependencies() {
        ApplicationModules.of(ParleyApplication.class).verify();
    }
}
