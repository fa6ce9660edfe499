/**
 * Zero-config start (SPEC "Running"): the {@code ./data} directory, an embedded PostgreSQL whose files
 * live under it when no {@code spring.datasource.url} is configured, and secrets generated once and
 * kept there.
 */
@ApplicationModule(allowedDependencies = "shared")
package dev.parley.platform;

import org.springframework.modulith.ApplicationModule;
