package dev.parley;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The module graph of DESIGN.md holds: no cycles, only declared dependencies, nothing depends on realtime. The
 * build also draws it: Spring Modulith's {@link Documenter} writes the whole graph and each module's own as
 * PlantUML into {@code target/spring-modulith-docs/} (the README's module table links it).
 */
class ModularityTests {

    private static final ApplicationModules MODULES = ApplicationModules.of(ParleyApplication.class);

    @Test
    void modulesOnlyUseTheirAllowedDependencies() {
        MODULES.verify();
    }

    @Test
    void writesTheModuleDiagrams() {
        new Documenter(MODULES).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
