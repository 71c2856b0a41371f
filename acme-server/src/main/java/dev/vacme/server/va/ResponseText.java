package dev.vacme.server.va;

import java.nio.charset.StandardCharsets;

/**
 * Makes text received from the network safe to put in a problem detail: printable ASCII stays,
 * quotes and backslashes are escaped, every other byte becomes {@code \xNN}, and long text is cut
 * (RFC 8555 §10.2: a detail must not become a way to read other servers' pages).
 */
final class ResponseText {

    /** How many characters of a response body a problem detail shows. */
    static final int DETAIL_CHARS = 100;

    private ResponseText() {
    }

    /** Returns the bytes as a double-quoted, escaped string of at most {@code max} characters plus an ellipsis. */
    static String quote(byte[] bytes, int max) {
        StringBuilder out = new StringBuilder("\"");
        int shown = 0;
        for (byte b : bytes) {
            String piece = escape(b & 0xff);
            if (shown + piece.length() > max) {
                return out.append("\"...").toString();
            }
            out.append(piece);
            shown += piece.length();
        }
        return out.append('"').toString();
    }

    /** Quotes a string from the network (a header, a URL) the same way. */
    static String quote(String text, int max) {
        return quote(text.getBytes(StandardCharsets.UTF_8), max);
    }

    /** Shortens text from a trusted source to at most {@code max} characters plus an ellipsis. */
    static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }

    private static String escape(int b) {
        if (b == '"' || b == '\\') {
            return "\\" + (char) b;
        }
        if (b == '\n') {
            return "\\n";
        }
        if (b == '\r') {
            return "\\r";
        }
        if (b == '\t') {
            return "\\t";
        }
        if (b >= 0x20 && b < 0x7f) {
            return String.valueOf((char) b);
        }
        return String.format("\\x%02x", b);
    }
}
