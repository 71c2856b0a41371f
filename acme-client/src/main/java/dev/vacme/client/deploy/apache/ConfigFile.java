package dev.vacme.client.deploy.apache;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One configuration file as read: its original lines, kept so that edits change only the lines
 * they touch, and the directives and sections parsed from them.
 */
final class ConfigFile {

    private final Path path;
    private final List<String> lines;
    private final boolean finalNewline;
    private final List<ConfigNode> nodes = new ArrayList<>();

    private ConfigFile(Path path, String text) {
        this.path = path;
        this.finalNewline = text.isEmpty() || text.endsWith("\n");
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        this.lines = text.isEmpty() ? List.of() : List.of(body.split("\n", -1));
    }

    /**
     * Parses a file's text.
     *
     * @param path the path the file is included by (kept as given, also when it is a symbolic link)
     * @throws ApacheConfigException when sections do not nest
     */
    static ConfigFile parse(Path path, String text) {
        ConfigFile file = new ConfigFile(path, text);
        ConfigParser.parse(file);
        return file;
    }

    /** Returns the path the file was read from. */
    Path path() {
        return path;
    }

    /** Returns the original lines, without line ends. */
    List<String> lines() {
        return lines;
    }

    /** Returns true when the file ended with a line end. */
    boolean finalNewline() {
        return finalNewline;
    }

    /** Returns the top-level nodes. */
    List<ConfigNode> nodes() {
        return List.copyOf(nodes);
    }

    /** Returns the white space a line starts with. */
    String indentOf(int line) {
        String text = lines.get(line);
        int i = 0;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return text.substring(0, i);
    }

    /** Joins lines back into file content, with a final line end when the original had one. */
    static String join(List<String> lines, boolean finalNewline) {
        String text = String.join("\n", lines);
        return finalNewline && !lines.isEmpty() ? text + "\n" : text;
    }

    /** Returns the original text. */
    String text() {
        return join(lines, finalNewline);
    }

    void add(ConfigNode node) {
        nodes.add(node);
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
