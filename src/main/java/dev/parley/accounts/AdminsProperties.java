package dev.parley.accounts;

import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Admins by configuration.
 *
 * @param admins usernames that are admins whatever their stored role ({@code PARLEY_ADMINS=alice,bob});
 *     case-insensitive; default none
 */
@ConfigurationProperties("parley")
public record AdminsProperties(@DefaultValue({}) List<String> admins) {

    /** {@code admin} when stored so or named in {@code parley.admins}, otherwise {@code user}. */
    Role effectiveRole(String username, Role stored) {
        return stored == Role.ADMIN || names(username) ? Role.ADMIN : Role.USER;
    }

    /** Whether {@code username} is named in {@code parley.admins}. */
    boolean names(String username) {
        return admins.stream()
                .anyMatch(a -> a.strip().toLowerCase(Locale.ROOT).equals(username.toLowerCase(Locale.ROOT)));
    }
}
