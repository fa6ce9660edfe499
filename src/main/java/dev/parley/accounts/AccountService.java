package dev.parley.accounts;

import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts API (SPEC "Accounts"): registration, login by username or email, refresh with rotation,
 * logout, lookup and search. Every refusal is a {@link ParleyException} with its {@link ErrorCode}.
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
    private static final int SEARCH_LIMIT = 20;

    /** Tokens answered by login: {@code {access, refresh, user}}. */
    public record Session(String access, String refresh, User user) {}

    /** Tokens answered by refresh: {@code {access, refresh}}. */
    public record Tokens(String access, String refresh) {}

    private final UserRepository users;
    private final RefreshTokens refreshTokens;
    private final AccessTokens accessTokens;
    private final PasswordEncoder passwordEncoder;
    private final AccountsProperties properties;
    private final String dummyHash;

    AccountService(
            UserRepository users,
            RefreshTokens refreshTokens,
            AccessTokens accessTokens,
            PasswordEncoder passwordEncoder,
            AccountsProperties properties) {
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
        this.passwordEncoder = passwordEncoder;
        this.properties = properties;
        this.dummyHash = passwordEncoder.encode("not a real password");
    }

    /**
     * Registers a user.
     *
     * @param name display name, optional (the username when blank)
     * @throws ParleyException {@code invalid_request} for a bad username (1–150 of letters, digits and
     *     {@code .@+-_}) or email, {@code password_too_short} under 8 characters,
     *     {@code password_too_long} over 72 bytes of UTF-8 (bcrypt's limit), {@code username_taken} or
     *     {@code email_taken} (409) when another account has it (case-insensitive)
     */
    public User register(String username, String email, String password, String name) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new ParleyException(ErrorCode.INVALID_REQUEST, "username: 1-150 letters, digits and . @ + - _");
        }
        if (email == null || !EMAIL.matcher(email).matches()) {
            throw new ParleyException(ErrorCode.INVALID_REQUEST, "email: a valid email address is required");
        }
        if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD_CHARS) {
            throw new ParleyException(ErrorCode.PASSWORD_TOO_SHORT);
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new ParleyException(ErrorCode.PASSWORD_TOO_LONG);
        }
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
            return users.insert(username, email, displayName, passwordEncoder.encode(password));
        } catch (DuplicateKeyException e) { // a concurrent registration won the race
            boolean emailClash = e.getMessage() != null && e.getMessage().contains("users_email_key");
            throw new ParleyException(emailClash ? ErrorCode.EMAIL_TAKEN : ErrorCode.USERNAME_TAKEN);
        }
    }

    /**
     * Logs in by username or email.
     *
     * @throws ParleyException {@code invalid_credentials} (401) for an unknown login or wrong password
     */
    public Session login(String login, String password) {
        if (login == null || login.isBlank() || password == null) {
            throw new ParleyException(ErrorCode.INVALID_REQUEST, "username (or email) and password are required");
        }
        Optional<UserRepository.Credentials> credentials = users.findCredentials(login.strip());
        String hash = credentials.map(UserRepository.Credentials::passwordHash).orElse(dummyHash);
        boolean matches = passwordEncoder.matches(password, hash);
        if (credentials.isEmpty() || !matches) {
            throw new ParleyException(ErrorCode.INVALID_CREDENTIALS);
        }
        User user = credentials.get().user();
        return new Session(accessTokens.issue(user), newRefreshToken(user.id()), user);
    }

    /**
     * Exchanges a refresh token for a new access token and a new refresh token; the old one is spent.
     *
     * @throws ParleyException {@code invalid_refresh_token} (401) when unknown, expired or already used
     */
    @Transactional
    public Tokens refresh(String refreshToken) {
        long userId = consume(refreshToken, null);
        User user = users.findById(userId).orElseThrow(() -> new ParleyException(ErrorCode.INVALID_REFRESH_TOKEN));
        return new Tokens(accessTokens.issue(user), newRefreshToken(userId));
    }

    /**
     * Spends {@code refreshToken}, one of the caller's own, so it can no longer be used.
     *
     * @throws ParleyException {@code invalid_refresh_token} when it is not a live token of {@code userId}
     */
    public void logout(long userId, String refreshToken) {
        consume(refreshToken, userId); // another user's token stays usable
    }

    /** The user with {@code id}, if any. */
    public Optional<User> find(long id) {
        return users.findById(id);
    }

    /** The user named {@code username} (case-insensitive), if any. */
    public Optional<User> findByUsername(String username) {
        return users.findByUsername(username);
    }

    /** Up to 20 other users whose username or name contains {@code text} (case-insensitive). */
    public List<User> search(String text, long callerId) {
        return text == null || text.isBlank() ? List.of() : users.search(text.strip(), callerId, SEARCH_LIMIT);
    }

    /** Spends a live refresh token (of {@code owner} only, when given) and answers its user. */
    private long consume(String refreshToken, Long owner) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw new ParleyException(ErrorCode.INVALID_REQUEST, "refresh is required");
        }
        OptionalLong userId = refreshTokens.consume(refreshToken, owner);
        if (userId.isEmpty()) {
            throw new ParleyException(ErrorCode.INVALID_REFRESH_TOKEN);
        }
        return userId.getAsLong();
    }

    private String newRefreshToken(long userId) {
        return refreshTokens.issue(userId, Instant.now().plus(properties.refreshTokenTtl()));
    }
}
