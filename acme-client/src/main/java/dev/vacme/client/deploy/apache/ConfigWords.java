package dev.vacme.client.deploy.apache;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a directive's arguments as httpd does ({@code ap_getword_conf}): words separated by
 * white space, a word starting with a double or single quote runs to the matching quote, and a
 * backslash before that quote keeps it in the word.
 */
final class ConfigWords {

    private ConfigWords() {
    }

    /** Returns the words of a logical line, quotes removed. */
    static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            char first = text.charAt(i);
            StringBuilder word = new StringBuilder();
            if (first == '"' || first == '\'') {
                i++;
                while (i < n && text.charAt(i) != first) {
                    if (text.charAt(i) == '\\' && i + 1 < n && text.charAt(i + 1) == first) {
                        i++;
                    }
                    word.append(text.charAt(i++));
                }
                i++;
            } else {
                while (i < n && !Character.isWhitespace(text.charAt(i))) {
                    word.append(text.charAt(i++));
                }
            }
            words.add(word.toString());
        }
        return words;
    }

    /** Returns a word as it must be written so that {@link #split} reads it back unchanged. */
    static String quote(String word) {
        boolean plain = !word.isEmpty() && word.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"'
                || c == '\'' || c == '\\' || c == '#' || c == '<' || c == '>');
        return plain ? word : "\"" + word.replace("\"", "\\\"") + "\"";
    }
}
