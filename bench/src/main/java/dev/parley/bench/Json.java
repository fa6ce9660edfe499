package dev.parley.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few JSON reads and writes the load generator needs, without a JSON library: it must stay cheap at
 * tens of thousands of frames per second, and it only looks at fields whose values have no escapes.
 */
final class Json {

    private Json() {}

    /** The first {@code "field": number} in {@code json}, or -1. */
    static long number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(-?\\d+)").matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** The first {@code "field": "text"} in {@code json} (text without escapes), or null. */
    static String string(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"\\\\]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    /**
     * The value of the first {@code "body":"…"} (no escapes inside; a space after the colon, as Python
     * writes it, is fine), found without a regex, or null.
     */
    static String body(String frame) {
        int key = frame.indexOf("\"body\":");
        if (key < 0) {
            return null;
        }
        int start = key + 7;
        while (start < frame.length() && frame.charAt(start) == ' ') {
            start++;
        }
        if (start >= frame.length() || frame.charAt(start) != '"') {
            return null;
        }
        int end = frame.indexOf('"', start + 1);
        return end < 0 ? null : frame.substring(start + 1, end);
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
