package dev.parley.accounts;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Privacy settings (SPEC "Security and administration").
 *
 * @param emailVisibility who sees an account's email in other users' views ({@code other_user} of direct
 *     conversations): {@code admins} (default; the owner and admins see it, everyone else gets an empty string,
 *     so the field stays for seed 000's clients) or {@code everyone} (seed 000's behaviour, for deployments whose
 *     clients show it); {@code PARLEY_PRIVACY_EMAIL_VISIBILITY}
 */
@ConfigurationProperties("parley.privacy")
public record PrivacyProperties(@DefaultValue("admins") EmailVisibility emailVisibility) {

    /** Who sees other accounts' emails. */
    public enum EmailVisibility {
        /** The account's owner and admins. */
        ADMINS,
        /** Every user (seed 000). */
        EVERYONE
    }
}
