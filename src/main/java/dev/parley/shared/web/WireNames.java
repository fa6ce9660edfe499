package dev.parley.shared.web;

import tools.jackson.databind.PropertyNamingStrategies;

/**
 * The names the API reads and writes: Java names in snake_case, translated by the same Jackson strategy
 * that {@code spring.jackson.property-naming-strategy=SNAKE_CASE} applies ({@code clientId} →
 * {@code client_id}).
 */
public final class WireNames {

    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private WireNames() {}

    /** The wire name of the Java property {@code javaName}. */
    public static String of(String javaName) {
        return SNAKE_CASE.nameForField(null, null, javaName);
    }
}
