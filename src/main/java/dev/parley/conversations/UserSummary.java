package dev.parley.conversations;

/**
 * Seed 000's {@code other_user}: {@code {id, name, email}}. The email is an empty string where the viewer may
 * not see it ({@code parley.privacy.email-visibility}), so seed 000's clients still find the field.
 */
public record UserSummary(long id, String name, String email) {

    /** This summary as {@code viewer} sees it: with its email when {@code seesEmail}, else with {@code ""}. */
    public UserSummary shownTo(boolean seesEmail) {
        return seesEmail || email == null || email.isEmpty() ? this : new UserSummary(id, name, "");
    }
}
