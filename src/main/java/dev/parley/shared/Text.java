package dev.parley.shared;

import tools.jackson.databind.JsonNode;

/**
 * The text Parley accepts (SPEC "Guarantees": text with NUL or lone surrogates is refused, never altered):
 * any Unicode string without U+0000 and without an unpaired UTF-16 surrogate. PostgreSQL cannot store the
 * first, and UTF-8 cannot encode the second (it would be stored as {@code ?}, so two different strings
 * would become one).
 */
public final class Text {

    private Text() {}

    /** Whether {@code text} (null counts as clean) has no NUL and no unpaired surrogate. */
    public static boolean isClean(CharSequence text) {
        if (text == null) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000' || Character.isLowSurrogate(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    /** Whether every property name and string value in {@code node} (null counts as clean) is clean. */
    public static boolean isClean(JsonNode node) {
        if (node == null) {
            return true;
        }
        if (node.isString()) {
            return isClean(node.asString());
        }
        if (node.isObject()) {
            for (var property : node.properties()) {
                if (!isClean(property.getKey()) || !isClean(property.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (!isClean(element)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Whether a JSON parser refused its input for invalid text (a broken surrogate pair in a property
     * name, which Jackson's byte parser refuses itself), so that the answer is {@code invalid_text} rather
     * than {@code invalid_json}.
     */
    public static boolean isParserRefusal(Throwable parseError) {
        return parseError != null
                && parseError.getMessage() != null
                && parseError.getMessage().contains("surrogate");
    }

    /**
     * Refuses {@code text} unless it is clean.
     *
     * @param field the wire name to mention, such as {@code client_id}
     * @throws ParleyException {@code invalid_text} (400)
     */
    public static String check(String field, String text) {
        if (!isClean(text)) {
            throw new ParleyException(ErrorCode.INVALID_TEXT, field + ": " + ErrorCode.INVALID_TEXT.message());
        }
        return text;
    }
}
