package dev.parley.accounts;

/**
 * A registered user as the API shows it: {@code {id, username, email, name}} (SPEC "Accounts").
 *
 * @param name display name; the username when none was given at registration
 */
public record User(long id, String username, String email, String name) {}
