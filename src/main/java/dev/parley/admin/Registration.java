package dev.parley.admin;

import dev.parley.accounts.RegistrationPolicy;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import org.springframework.stereotype.Component;

/**
 * The registration mode (SPEC "Security and administration"): {@code parley.registration.mode} until an admin
 * sets one, which is stored in {@code admin_settings} and read by every node at each registration.
 */
@Component
class Registration implements RegistrationPolicy {

    private static final String MODE = "registration_mode";

    private final AdminSettingsRepository settings;
    private final Invites invites;
    private final RegistrationProperties properties;

    Registration(AdminSettingsRepository settings, Invites invites, RegistrationProperties properties) {
        this.settings = settings;
        this.invites = invites;
        this.properties = properties;
    }

    /** The mode in force: the one an admin set, else the configured one. */
    RegistrationMode mode() {
        return settings.get(MODE).flatMap(RegistrationMode::parse).orElse(properties.mode());
    }

    void setMode(RegistrationMode mode) {
        settings.put(MODE, mode.wireName());
    }

    @Override
    public void admit(String inviteCode) {
        switch (mode()) {
            case OPEN -> {}
            case CLOSED -> throw new ParleyException(ErrorCode.REGISTRATION_CLOSED);
            case INVITE -> {
                if (inviteCode == null || inviteCode.isBlank() || !invites.use(inviteCode.strip())) {
                    throw new ParleyException(ErrorCode.INVITE_REQUIRED);
                }
            }
        }
    }
}
