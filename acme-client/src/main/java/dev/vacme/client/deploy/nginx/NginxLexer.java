package dev.vacme.client.deploy.nginx;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits nginx configuration text into tokens as nginx's own reader does: words, single- or
 * double-quoted strings (backslash escapes {@code \" \' \\ \t \r \n}; any other backslash is
 * kept), {@code ;}, <code>{</code> and <code>}</code>, with {@code #} comments up to the end of
 * the line. A {@code #}, a quote or a <code>}</code> inside a word belong to the word, as does the
 * brace of a <code>${name}</code> variable.
 * Every token keeps its offsets, so that edits can replace exactly the text of one directive.
 */
final class NginxLexer {

    /** The kinds of token. */
    enum Kind { WORD, SEMICOLON, OPEN, CLOSE }

    /**
     * One token.
     *
     * @param kind  what it is
     * @param value a word's value, unquoted and unescaped
     * @param start offset of its first character
     * @param end   offset after its last character
     * @param line  1-based line of its first character
     */
    record Token(Kind kind, String value, int start, int end, int line) {
    }

    private final String text;
    private final String source;
    private int pos;
    private int line = 1;

    private NginxLexer(String text, String source) {
        this.text = text;
        this.source = source;
    }

    /**
     * Tokenizes a file's text.
     *
     * @param source the file name, for error messages
     * @throws NginxException on an unterminated quoted string
     */
    static List<Token> tokenize(String text, String source) {
        return new NginxLexer(text, source).all();
    }

    private List<Token> all() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            if (pos >= text.length()) {
                return tokens;
            }
            char c = text.charAt(pos);
            switch (c) {
                case ';' -> tokens.add(single(Kind.SEMICOLON));
                case '{' -> tokens.add(single(Kind.OPEN));
                case '}' -> tokens.add(single(Kind.CLOSE));
                case '"', '\'' -> tokens.add(quoted(c));
                default -> tokens.add(word());
            }
        }
    }

    private void skipSpaceAndComments() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (Character.isWhitespace(c)) {
                if (c == '\n') {
                    line++;
                }
                pos++;
            } else {
                return;
            }
        }
    }

    private Token single(Kind kind) {
        pos++;
        return new Token(kind, String.valueOf(text.charAt(pos - 1)), pos - 1, pos, line);
    }

    private Token quoted(char quote) {
        int start = pos;
        int startLine = line;
        StringBuilder value = new StringBuilder();
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == quote) {
                pos++;
                return new Token(Kind.WORD, value.toString(), start, pos, startLine);
            }
            if (c == '\\' && pos + 1 < text.length()) {
                value.append(unescape(text.charAt(pos + 1)));
                pos += 2;
                continue;
            }
            if (c == '\n') {
                line++;
            }
            value.append(c);
            pos++;
        }
        throw new NginxException(source + ":" + startLine + ": unterminated quoted string");
    }

    private Token word() {
        int start = pos;
        StringBuilder value = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            // As in nginx, quotes and a closing brace inside a word are part of it, and so is the
            // opening brace of "${name}"; any other opening brace starts a block.
            if (Character.isWhitespace(c) || c == ';' || c == '{' && (pos == start || text.charAt(pos - 1) != '$')) {
                break;
            }
            if (c == '\\' && pos + 1 < text.length()) {
                value.append(unescape(text.charAt(pos + 1)));
                pos += 2;
                continue;
            }
            value.append(c);
            pos++;
        }
        return new Token(Kind.WORD, value.toString(), start, pos, line);
    }

    private static String unescape(char escaped) {
        return switch (escaped) {
            case '"', '\'', '\\' -> String.valueOf(escaped);
            case 't' -> "\t";
            case 'r' -> "\r";
            case 'n' -> "\n";
            default -> "\\" + escaped;
        };
    }
}
