package dev.parley.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Message limits.
 *
 * @param maxBodyChars longest accepted body, in characters (Unicode code points); default 16,000
 * @param maxMetadataBytes largest accepted {@code metadata} object, in bytes of compact JSON; default 8,192
 * @param pageSize messages in a history page when no {@code limit} is given, and in the conversation
 *     detail; default 50
 * @param maxPageSize largest {@code limit} of a history page; default 100
 * @param userTypes message types users may send besides {@code text} ({@code PARLEY_MESSAGES_USER_TYPES=offer,
 *     image}); every other type is left to services' system messages and Parley's own (400 {@code
 *     reserved_type}); default none
 */
@ConfigurationProperties("parley.messages")
public record MessagingProperties(
        @DefaultValue("16000") int maxBodyChars,
        @DefaultValue("8192") int maxMetadataBytes,
        @DefaultValue("50") int pageSize,
        @DefaultValue("100") int maxPageSize,
        @DefaultValue({}) java.util.Set<String> userTypes) {}
