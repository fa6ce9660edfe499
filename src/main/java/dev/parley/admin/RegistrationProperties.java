package dev.parley.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Registration settings.
 *
 * @param mode who may register until an admin sets a mode at runtime ({@code PARLEY_REGISTRATION_MODE}):
 *     {@code open}, {@code invite} or {@code closed}; default {@code open}. A mode set through the admin API
 *     is stored in PostgreSQL, holds on every node and wins over this one.
 */
@ConfigurationProperties("parley.registration")
public record RegistrationProperties(@DefaultValue("open") RegistrationMode mode) {}
