package dev.parley.limits;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits, {@code parley.rate-limits.*}. Each limit is one or more {@link Rate}s written
 * {@code capacity/period} and separated by commas; a request must fit every one of them. The defaults let a
 * person typing, reading and logging in never meet a limit, while a script is stopped within a second.
 *
 * @param enabled whether limits apply at all; default true (benchmarks turn them off)
 * @param send messages per user, REST and WebSocket together; default {@code 30/10s} (a burst of 30, then 3 a
 *     second)
 * @param edit edits and deletes per user; default {@code 30/1m}
 * @param reaction reactions added or removed per user; default {@code 60/1m}
 * @param upload uploads per user; default {@code 20/1m}
 * @param uploadBytes uploaded bytes per user; default {@code 200MB/1h}
 * @param typing typing frames per user; default {@code 50/10s}
 * @param conversationCreate direct conversations created or opened, and groups created, per user; default {@code
 *     10/1m,200/1d} (enough to start chats with a whole team, too few to walk through every account's id)
 * @param search searches per user; default {@code 30/1m}
 * @param loginAddress login attempts per client address; default {@code 20/1m,200/1h}
 * @param loginUsername failed logins per username or email; default {@code 5/1m,20/1h,100/1d}: the wait between
 *     guesses grows from none to 12 s, then 3 minutes, then about 15 minutes
 * @param registerAddress registrations per client address; default {@code 20/1h}
 * @param refreshAddress token refreshes per client address; default {@code 60/1m}
 * @param handshakeAddress WebSocket handshakes per client address; default {@code 60/10s}
 * @param flood refusals a socket may receive before it is closed with 4429; default {@code 30/1m}
 */
@ConfigurationProperties("parley.rate-limits")
public record RateLimitsProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("30/10s") List<Rate> send,
        @DefaultValue("30/1m") List<Rate> edit,
        @DefaultValue("60/1m") List<Rate> reaction,
        @DefaultValue("20/1m") List<Rate> upload,
        @DefaultValue("200MB/1h") List<Rate> uploadBytes,
        @DefaultValue("50/10s") List<Rate> typing,
        @DefaultValue({"10/1m", "200/1d"}) List<Rate> conversationCreate,
        @DefaultValue("30/1m") List<Rate> search,
        @DefaultValue({"20/1m", "200/1h"}) List<Rate> loginAddress,
        @DefaultValue({"5/1m", "20/1h", "100/1d"}) List<Rate> loginUsername,
        @DefaultValue("20/1h") List<Rate> registerAddress,
        @DefaultValue("60/1m") List<Rate> refreshAddress,
        @DefaultValue("60/10s") List<Rate> handshakeAddress,
        @DefaultValue("30/1m") List<Rate> flood) {

    /** The rates of {@code limit}. */
    public List<Rate> of(RateLimit limit) {
        return switch (limit) {
            case SEND -> send;
            case EDIT -> edit;
            case REACTION -> reaction;
            case UPLOAD -> upload;
            case UPLOAD_BYTES -> uploadBytes;
            case TYPING -> typing;
            case CONVERSATION_CREATE -> conversationCreate;
            case SEARCH -> search;
            case LOGIN_ADDRESS -> loginAddress;
            case LOGIN_USERNAME -> loginUsername;
            case REGISTER_ADDRESS -> registerAddress;
            case REFRESH_ADDRESS -> refreshAddress;
            case HANDSHAKE_ADDRESS -> handshakeAddress;
        };
    }
}
