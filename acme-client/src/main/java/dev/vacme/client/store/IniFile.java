package dev.vacme.client.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A small INI file: {@code [section]} headers, {@code key = value} lines, {@code #} comments.
 * Values are escaped ({@code \\}, {@code \n}) so that any string, hook commands included,
 * survives a round trip on one line. Order is kept, so the written file reads like the one an
 * admin would write.
 */
public final class IniFile {

    private final Map<String, Map<String, String>> sections = new LinkedHashMap<>();

    /**
     * Parses INI text.
     *
     * @throws StoreException on a line that is neither a section, an assignment nor a comment
     */
    public static IniFile parse(String text, String source) {
        IniFile ini = new IniFile();
        String section = "";
        int number = 0;
        for (String raw : text.split("\n", -1)) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip();
                ini.sections.computeIfAbsent(section, k -> new LinkedHashMap<>());
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                throw new StoreException(source + " line " + number + ": expected 'key = value', found: " + line);
            }
            ini.put(section, line.substring(0, equals).strip(), unescape(line.substring(equals + 1).strip()));
        }
        return ini;
    }

    /** Sets a value; null removes the key. */
    public IniFile put(String section, String key, String value) {
        Map<String, String> entries = sections.computeIfAbsent(section, k -> new LinkedHashMap<>());
        if (value == null) {
            entries.remove(key);
        } else {
            entries.put(key, value);
        }
        return this;
    }

    /** Returns a value, if present and not empty. */
    public Optional<String> get(String section, String key) {
        String value = sections.getOrDefault(section, Map.of()).get(key);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** Returns every key and value of a section, in order. */
    public Map<String, String> section(String section) {
        return Map.copyOf(sections.getOrDefault(section, Map.of()));
    }

    /** Returns every key and value of a section, in file order. */
    public Map<String, String> orderedSection(String section) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sections.getOrDefault(section, Map.of())));
    }

    /** Returns the keys of a section in file order. */
    public Iterable<String> keys(String section) {
        return sections.getOrDefault(section, new LinkedHashMap<>()).keySet();
    }

    /** Renders the file, with the given comment lines at the top. */
    public String render(String... headerComments) {
        StringBuilder out = new StringBuilder();
        for (String comment : headerComments) {
            out.append("# ").append(comment).append('\n');
        }
        sections.forEach((name, entries) -> {
            if (!name.isEmpty()) {
                out.append('\n').append('[').append(name).append("]\n");
            }
            entries.forEach((key, value) -> out.append(key).append(" = ").append(escape(value)).append('\n'));
        });
        return out.toString();
    }

    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char next = value.charAt(++i);
                out.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
