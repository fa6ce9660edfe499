/**
 * What Parley runs on (SPEC "Running"): the owner-only {@code ./data} directory, an embedded PostgreSQL whose
 * files live under it when no {@code spring.datasource.url} is configured (behind a generated password), secrets
 * generated once and kept there, the settings checked before anything starts, the circuit breaker that answers
 * at once while PostgreSQL is unreachable, and Jetty as Parley runs it (accept queue, trusted proxies).
 */
@ApplicationModule(allowedDependencies = "shared")
package dev.parley.platform;

import org.springframework.modulith.ApplicationModule;
