package dev.parley.support;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Requests written byte for byte on a plain socket, so that paths and queries no URI class would accept
 * (a lone {@code %}, {@code %ZZ}) reach the server as they are.
 */
public final class RawHttp {

    /** An answer read off the wire: status, header lines (lower-case names) and body text. */
    public record Response(int status, Map<String, String> headers, String body) {}

    private RawHttp() {}

    /** {@code GET pathAndQuery} on the server at {@code base}, with {@code token} as bearer when not null. */
    public static Response get(String base, String pathAndQuery, String token) {
        return request(
                base, "GET", pathAndQuery, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token), null);
    }

    /**
     * {@code method pathAndQuery} with {@code headers} and, when not null, a JSON {@code body}; the connection
     * closes after the answer's head (a {@code 101} keeps nothing open).
     */
    public static Response request(
            String base, String method, String pathAndQuery, Map<String, String> headers, String body) {
        URI uri = URI.create(base);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            StringBuilder request = new StringBuilder(
                    method + " " + pathAndQuery + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\n");
            headers.forEach((name, value) ->
                    request.append(name).append(": ").append(value).append("\r\n"));
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            if (body != null) {
                request.append("Content-Type: application/json\r\nContent-Length: ")
                        .append(content.length)
                        .append("\r\n");
            }
            if (!headers.containsKey("Connection")) {
                request.append("Connection: close\r\n");
            }
            socket.getOutputStream().write((request + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(content);
            String answer = readAnswer(socket);
            int end = answer.indexOf("\r\n\r\n");
            String[] lines = answer.substring(0, end).split("\r\n");
            Map<String, String> answered = new HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                answered.put(
                        lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
            return new Response(Integer.parseInt(lines[0].split(" ")[1]), answered, answer.substring(end + 4));
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + pathAndQuery + " failed", e);
        }
    }

    /**
     * The answer's head and then its body: {@code Content-Length} bytes when it says so, none for a {@code 101
     * Switching Protocols}, else everything until the server closes.
     */
    private static String readAnswer(Socket socket) throws IOException {
        var in = socket.getInputStream();
        var read = new java.io.ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            read.write(b);
            if (b == '\n' && read.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                break;
            }
        }
        String head = read.toString(StandardCharsets.ISO_8859_1);
        if (head.startsWith("HTTP/1.1 101")) {
            return head;
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)")
                .matcher(head);
        read.write(length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : in.readAllBytes());
        return read.toString(StandardCharsets.UTF_8);
    }
}
