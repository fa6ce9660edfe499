package dev.parley.accounts;

import dev.parley.limits.RateLimit;
import dev.parley.limits.RateLimiter;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts API (SPEC "Accounts", "Security and administration"): registration, login by username or email
 * (each starting a session), refresh with rotation, logout (ending the session), password change, lookup
 * and search. Failed logins are limited per username or email ({@link RateLimit#LOGIN_USERNAME}), known or
 * not, and an unknown login costs the same password check as a wrong password, so neither the answer nor
 * its time tells them apart. Every refusal is a {@link ParleyException} with its {@link ErrorCode}.
 */
@Service
public class AccountService {

    /** Django's username alphabet, so seed users carry over. */
    private static final Pattern USERNAME = Pattern.compile("[\\w.@+-]{1,150}", Pattern.UNICODE_CHARACTER_CLASS);

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final int MIN_PASSWORD_CHARS = 8;
    /** bcrypt reads at most 72 bytes of a password; a longer one is refused rather than cut. */
    private static final int MAX_PASSWORD_BYTES = 72;

    private static final int MAX_NAME_CHARS = 255;

    /** Tokens answered by login: {@code {access, refresh, user}}. */
    public record Login(String access, String refresh, User user) {}

    /** Tokens answered by refresh: {@code {access, refresh}}. */
    public record Tokens(String access, String refresh) {}

    private final UserRepository users;
    private final RefreshTokens refreshTokens;
    private final AccessTokens accessTokens;
    private final SessionService sessions;
    private final PasswordResets resets;
    private final PasswordEncoder passwordEncoder;
    private final RateLimiter limiter;
    private final AccountsProperties properties;
    private final ObjectProvider<RegistrationPolicy> registrationPolicy;
    private final String dummyHash;
    private final AccountMetrics metrics;
    private final AdminsProperties admins;

    AccountService(
            UserRepository users,
            RefreshTokens refreshTokens,
            AccessTokens accessTokens,
            SessionService sessions,
            PasswordResets resets,
            PasswordEncoder passwordEncoder,
            RateLimiter limiter,
            AccountsProperties properties,
            ObjectProvider<RegistrationPolicy> registrationPolicy,
            AccountMetrics metrics,
            AdminsProperties admins) {
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
        this.sessions = sessions;
        this.resets = resets;
        this.passwordEncoder = passwordEncoder;
        this.limiter = limiter;
        this.properties = properties;
        this.registrationPolicy = registrationPolicy;
        this.dummyHash = passwordEncoder.encode("not a real password");
        this.metrics = metrics;
        this.admins = admins;
    }

    /**
     * Registers a user, if the registration mode admits it; the first account of a fresh server is an admin.
     *
     * @param name display name, optional (the username when blank)
     * @param inviteCode the invite code, needed in registration mode {@code invite}; otherwise ignored
     * @throws ParleyException {@code invalid_request} for a bad username (1–150 of letters, digits and
     *     {@code .@+-_}) or email, {@code password_too_short} under 8 characters,
     *     {@code password_too_long} over 72 bytes of UTF-8 (bcrypt's limit), {@code username_taken} or
     *     {@code email_taken} (409) when another account has it (case-insensitive), {@code username_reserved}
     *     (409) for a name {@code parley.admins} lists (whoever registered it would be an admin: an admin
     *     creates it with {@code bin/parley admin create-user}), {@code registration_closed} or {@code
     *     invite_required} (403) as the registration mode says
     */
    @Transactional
    public User register(String username, String email, String password, String name, String inviteCode) {
        if (username != null && admins.names(username)) {
            throw new ParleyException(ErrorCode.USERNAME_RESERVED);
        }
        RegistrationPolicy policy = registrationPolicy.getIfAvailable();
        if (policy != null) {
            policy.admit(inviteCode);
        }
        return insertChecked(username, email, password, name, Role.USER);
    }

    /** Checks the fields and inserts the user (an admin when it is the first account); see {@link #register}. */
    User insertChecked(String username, String email, String password, String name, Role role) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new ParleyException(ErrorCode.INVALID_REQUEST, "username: 1-150 letters, digits and . @ + - _");
        }
        if (email == null || !EMAIL.matcher(email).matches()) {
            throw new ParleyException(ErrorCode.INVALID_REQUEST, "email: a valid email address is required");
        }
        checkPassword(password);
        String displayName = name == null || name.isBlank() ? username : name.strip();
        if (displayName.length() > MAX_NAME_CHARS) {
            throw new ParleyException(ErrorCode.INVALID_REQUEST, "name: at most 255 characters");
        }
        if (users.usernameExists(username)) {
            throw new ParleyException(ErrorCode.USERNAME_TAKEN);
        }
        if (users.emailExists(email)) {
            throw new ParleyException(ErrorCode.EMAIL_TAKEN);
        }
        try {
            User user = users.insert(username, email, displayName, passwordEncoder.encode(password), role);
            metrics.registered();
            return user;
        } catch (DuplicateKeyException e) { // a concurrent registration won the race
            boolean emailClash = e.getMessage() != null && e.getMessage().contains("users_email_key");
            throw new ParleyException(emailClash ? ErrorCode.EMAIL_TAKEN : ErrorCode.USERNAME_TAKEN);
        }
    }

    /**
     * Logs in by username or email and starts a session.
     *
     * @param device the client's User-Agent, shown in its session list
     * @throws ParleyException {@code invalid_credentials} (401) for an unknown login or wrong password;
     *     {@code account_deactivated} (403) for the right password of a deactivated account; {@code
     *     rate_limited} (429) after too many failed attempts for this login
     */
    public Login login(String login, String password, String device) {
        if (login == null || login.isBlank() || password == null) {
            throw new ParleyException(ErrorCode.INVALID_REQUEST, "username (or email) and password are required");
        }
        String attempts = login.strip().toLowerCase(Locale.ROOT);
        limiter.check(RateLimit.LOGIN_USERNAME, attempts);
        Optional<UserRepository.Credentials> credentials = users.findCredentials(login.strip());
        String hash = credentials.map(UserRepository.Credentials::passwordHash).orElse(dummyHash);
        boolean matches = passwordEncoder.matches(password, hash);
        if (credentials.isEmpty() || !matches) {
            metrics.login(AccountMetrics.LoginOutcome.FAILED);
            throw new ParleyException(ErrorCode.INVALID_CREDENTIALS);
        }
        limiter.refund(RateLimit.LOGIN_USERNAME, attempts); // only failures count
        if (!credentials.get().active()) {
            metrics.login(AccountMetrics.LoginOutcome.DEACTIVATED);
            throw new ParleyException(ErrorCode.ACCOUNT_DEACTIVATED);
        }
        metrics.login(AccountMetrics.LoginOutcome.OK);
        User user = credentials.get().user();
        UUID session = sessions.start(user.id(), device);
        return new Login(accessTokens.issue(user, session), newRefreshToken(user.id(), session), user);
    }

    /**
     * Exchanges a refresh token for a new access token and a new refresh token of the same session; the old
     * one is spent. A token older than sessions starts one.
     *
     * @throws ParleyException {@code invalid_refresh_token} (401) when unknown, expired, already used or of
     *     an ended session
     */
    @Transactional
    public Tokens refresh(String refreshToken, String device) {
        RefreshTokens.Owner owner = consume(refreshToken, null);
        User user = users.standing(owner.userId())
                .filter(UserRepository.Standing::active)
                .map(UserRepository.Standing::user)
                .orElseThrow(() -> new ParleyException(ErrorCode.INVALID_REFRESH_TOKEN));
        UUID session = owner.session() != null ? owner.session() : sessions.start(user.id(), device);
        sessions.touch(session);
        return new Tokens(accessTokens.issue(user, session), newRefreshToken(user.id(), session));
    }

    /**
     * Ends the caller's session: its refresh tokens stop working at once, its access tokens within a second
     * on every node, its sockets are closed with 4401. {@code refreshToken}, when given, must be one of the
     * caller's own live tokens; its session ends too.
     *
     * @throws ParleyException {@code invalid_refresh_token} (401), ending nothing, when {@code refreshToken}
     *     is given but is not a live token of the caller
     */
    public void logout(CurrentUser caller, String refreshToken) {
        Set<UUID> ending = new HashSet<>();
        if (refreshToken != null) {
            RefreshTokens.Owner owner = consume(refreshToken, caller.id()); // another user's token stays usable
            if (owner.session() != null) {
                ending.add(owner.session());
            }
        }
        if (caller.session() != null) {
            ending.add(caller.session());
        }
        sessions.end(caller.id(), ending);
    }

    /**
     * Changes the caller's password and ends every other session of the caller (the current one stays).
     *
     * @throws ParleyException {@code wrong_password} (403) when {@code currentPassword} is wrong,
     *     {@code password_too_short} / {@code password_too_long} (400) for the new one, {@code rate_limited}
     *     (429) after too many wrong current passwords (the login limit of the caller's username)
     */
    public void changePassword(CurrentUser caller, String currentPassword, String newPassword) {
        if (currentPassword == null) {
            throw new ParleyException(ErrorCode.INVALID_REQUEST, "current_password is required");
        }
        checkPassword(newPassword);
        String attempts = caller.username().toLowerCase(Locale.ROOT);
        limiter.check(RateLimit.LOGIN_USERNAME, attempts);
        String hash = users.passwordHash(caller.id()).orElse(dummyHash);
        if (!passwordEncoder.matches(currentPassword, hash)) {
            throw new ParleyException(ErrorCode.WRONG_PASSWORD);
        }
        limiter.refund(RateLimit.LOGIN_USERNAME, attempts);
        users.updatePasswordHash(caller.id(), passwordEncoder.encode(newPassword));
        sessions.endAllBut(caller.id(), caller.session());
    }

    /**
     * Sets a new password with a one-time token from an admin's password reset, and ends every session of the
     * account.
     *
     * @throws ParleyException {@code invalid_reset_token} (401) when unknown, expired or used; {@code
     *     password_too_short} / {@code password_too_long} (400), the token then still unused
     */
    public void resetPassword(String token, String newPassword) {
        if (token == null || token.isBlank()) {
            throw new ParleyException(ErrorCode.INVALID_REQUEST, "token is required");
        }
        checkPassword(newPassword);
        long userId = resets.consume(token).orElseThrow(() -> new ParleyException(ErrorCode.INVALID_RESET_TOKEN));
        users.updatePasswordHash(userId, passwordEncoder.encode(newPassword));
        sessions.endAllBut(userId, null);
    }

    /** Spends a live refresh token (of {@code owner} only, when given) and answers whose it was. */
    private RefreshTokens.Owner consume(String refreshToken, Long owner) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw new ParleyException(ErrorCode.INVALID_REQUEST, "refresh is required");
        }
        return refreshTokens
                .consume(refreshToken, owner)
                .orElseThrow(() -> new ParleyException(ErrorCode.INVALID_REFRESH_TOKEN));
    }

    /** 8 characters to 72 bytes of UTF-8 (bcrypt's limit: a longer one is refused rather than cut). */
    static void checkPassword(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD_CHARS) {
            throw new ParleyException(ErrorCode.PASSWORD_TOO_SHORT);
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new ParleyException(ErrorCode.PASSWORD_TOO_LONG);
        }
    }

    private String newRefreshToken(long userId, UUID session) {
        return refreshTokens.issue(userId, session, Instant.now().plus(properties.refreshTokenTtl()));
    }
}
