package dev.parley.accounts;

/**
 * Who may register (SPEC "Security and administration": registration mode {@code open}, {@code invite} or
 * {@code closed}). Consulted inside the registration's transaction, so an invite used by a registration that
 * then fails (a taken username) is not spent. Without a policy bean, registration is open.
 */
public interface RegistrationPolicy {

    /**
     * Admits a registration or refuses it.
     *
     * @param inviteCode the code the registrant gave, or null
     * @throws dev.parley.shared.ParleyException {@code registration_closed} or {@code invite_required} (403)
     */
    void admit(String inviteCode);
}
