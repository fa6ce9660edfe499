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
 */
@ConfigurationProperties("parley.messages")
public record MessagingProperties(
        @DefaultValue("16000") int maxBodyChars,
        @DefaultValue("8192") int maxMetadataBytes,
        @DefaultValue("50") int pageSize,
        @DefaultValue("100") int maxPageSize) {}
