package dev.parley.realtime.protocol;

import dev.parley.shared.ErrorCode;
import dev.parley.shared.Text;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decodes client frames and encodes server frames (SPEC "WebSocket protocol"). A frame without
 * {@code type} but with {@code message} is seed 000's send. Decoding never stores anything: a bad
 * frame becomes a {@link FrameException} with {@code invalid_json}, {@code invalid_text} (NUL or an
 * unpaired surrogate anywhere in it), {@code invalid_request} or {@code unknown_type}.
 */
@Component
public class FrameCodec {

    private final JsonMapper json;

    public FrameCodec(JsonMapper json) {
        this.json = json;
    }

    /** Encodes a server frame as JSON text. */
    public String encode(ServerFrame frame) {
        return json.writeValueAsString(frame);
    }

    /**
     * Decodes one complete client frame.
     *
     * @throws FrameException when it is not a JSON object, has an unknown type or a wrongly typed field
     */
    public ClientFrame decode(String text) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JacksonException e) {
            if (Text.isParserRefusal(e)) {
                throw new FrameException(ErrorCode.INVALID_TEXT, ErrorCode.INVALID_TEXT.message(), null);
            }
            throw new FrameException(ErrorCode.INVALID_JSON, "Invalid JSON", null);
        }
        if (root == null || !root.isObject()) {
            throw new FrameException(ErrorCode.INVALID_JSON, "A frame is a JSON object", null);
        }
        if (!Text.isClean(root)) {
            throw new FrameException(ErrorCode.INVALID_TEXT, ErrorCode.INVALID_TEXT.message(), null);
        }
        String clientId = optionalText(root, "client_id", null);
        JsonNode typeNode = root.get("type");
        if (typeNode == null || typeNode.isNull()) {
            if (root.has("message")) {
                return send(root, clientId);
            }
            throw new FrameException(ErrorCode.UNKNOWN_TYPE, "A frame needs a type or a message", clientId);
        }
        String type = typeNode.isString() ? typeNode.asString() : "";
        return switch (type) {
            case "chat_message", "message" -> send(root, clientId);
            case "read", "mark_messages_read" -> read(root, clientId);
            case "resume" -> resume(root, clientId);
            case "typing_indicator" -> typing(root, clientId);
            case "ping" -> new ClientFrame.Ping();
            case "auth" -> new ClientFrame.Auth(optionalText(root, "token", clientId));
            default -> throw new FrameException(ErrorCode.UNKNOWN_TYPE, "Unknown frame type: " + typeNode, clientId);
        };
    }

    private static ClientFrame.Send send(JsonNode root, String clientId) {
        JsonNode metadata = root.get("metadata");
        if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
            throw new FrameException(ErrorCode.INVALID_REQUEST, "metadata must be a JSON object", clientId);
        }
        return new ClientFrame.Send(
                optionalId(root, "conversation", clientId),
                optionalText(root, "message", clientId),
                optionalText(root, "message_type", clientId),
                metadata == null || metadata.isNull() ? null : metadata,
                clientId);
    }

    private static ClientFrame.Read read(JsonNode root, String clientId) {
        JsonNode ids = root.get("message_ids");
        List<Long> messageIds = null;
        if (ids != null && !ids.isNull()) {
            if (!ids.isArray()) {
                throw new FrameException(ErrorCode.INVALID_REQUEST, "message_ids must be an array of ids", clientId);
            }
            messageIds = new ArrayList<>();
            for (JsonNode id : ids) {
                if (!id.canConvertToLong()) {
                    throw new FrameException(
                            ErrorCode.INVALID_REQUEST, "message_ids must be an array of ids", clientId);
                }
                messageIds.add(id.asLong());
            }
        }
        Long upToSeq = optionalId(root, "up_to_seq", clientId);
        if (upToSeq == null && messageIds == null) {
            throw new FrameException(ErrorCode.INVALID_REQUEST, "up_to_seq or message_ids is required", clientId);
        }
        return new ClientFrame.Read(optionalId(root, "conversation", clientId), upToSeq, messageIds);
    }

    private static ClientFrame.Resume resume(JsonNode root, String clientId) {
        JsonNode afterSeq = root.get("after_seq");
        Long conversation = optionalId(root, "conversation", clientId);
        if (afterSeq != null && afterSeq.isObject()) {
            Map<Long, Long> revisions = positions(root.get("after_revision"), "after_revision", clientId);
            List<ClientFrame.Resume.Target> targets = new ArrayList<>();
            positions(afterSeq, "after_seq", clientId)
                    .forEach((id, seq) -> targets.add(new ClientFrame.Resume.Target(id, seq, revisions.get(id))));
            return new ClientFrame.Resume(targets);
        }
        Long seq = optionalId(root, "after_seq", clientId);
        if (seq == null || seq < 0) {
            throw new FrameException(ErrorCode.INVALID_REQUEST, "after_seq (a seq, 0 for all) is required", clientId);
        }
        Long revision = optionalId(root, "after_revision", clientId);
        if (revision != null && revision < 0) {
            throw new FrameException(ErrorCode.INVALID_REQUEST, "after_revision is a revision, 0 for all", clientId);
        }
        return new ClientFrame.Resume(List.of(new ClientFrame.Resume.Target(conversation, seq, revision)));
    }

    /** A map of conversation id → seq or revision; an absent member is an empty map. */
    private static Map<Long, Long> positions(JsonNode map, String name, String clientId) {
        Map<Long, Long> positions = new LinkedHashMap<>();
        if (map == null || map.isNull()) {
            return positions;
        }
        if (!map.isObject()) {
            throw new FrameException(ErrorCode.INVALID_REQUEST, name + " maps conversation ids to numbers", clientId);
        }
        for (Map.Entry<String, JsonNode> entry : map.properties()) {
            if (!entry.getKey().matches("\\d{1,18}")
                    || !entry.getValue().canConvertToLong()
                    || entry.getValue().asLong() < 0) {
                throw new FrameException(
                        ErrorCode.INVALID_REQUEST, name + " maps conversation ids to numbers", clientId);
            }
            positions.put(Long.parseLong(entry.getKey()), entry.getValue().asLong());
        }
        return positions;
    }

    private static ClientFrame.Typing typing(JsonNode root, String clientId) {
        JsonNode isTyping = root.get("is_typing");
        if (isTyping == null || !isTyping.isBoolean()) {
            throw new FrameException(ErrorCode.INVALID_REQUEST, "is_typing (true or false) is required", clientId);
        }
        return new ClientFrame.Typing(optionalId(root, "conversation", clientId), isTyping.asBoolean());
    }

    private static String optionalText(JsonNode root, String field, String clientId) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw new FrameException(ErrorCode.INVALID_REQUEST, field + " must be a string", clientId);
        }
        return node.asString();
    }

    private static Long optionalId(JsonNode root, String field, String clientId) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.asLong();
        }
        if (node.isString() && node.asString().matches("\\d{1,18}")) {
            return Long.parseLong(node.asString());
        }
        throw new FrameException(ErrorCode.INVALID_REQUEST, field + " must be an integer", clientId);
    }
}
