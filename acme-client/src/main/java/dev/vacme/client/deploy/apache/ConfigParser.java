package dev.vacme.client.deploy.apache;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Reads httpd's configuration syntax: one directive per line, a trailing backslash continues it on
 * the next line, a line starting with {@code #} is a comment, {@code <Name args>} opens a section
 * that {@code </Name>} closes. Directives are not interpreted here.
 */
final class ConfigParser {

    private ConfigParser() {
    }

    /**
     * Parses a file's lines into its nodes.
     *
     * @throws ApacheConfigException when a section is not closed or closed by the wrong tag
     */
    static void parse(ConfigFile file) {
        List<String> lines = file.lines();
        Deque<Section> open = new ArrayDeque<>();
        int i = 0;
        while (i < lines.size()) {
            int first = i;
            StringBuilder logical = new StringBuilder();
            String line = stripCr(lines.get(i));
            // A comment ends at its line: httpd does not continue comments.
            while (line.endsWith("\\") && !line.strip().startsWith("#") && i + 1 < lines.size()) {
                logical.append(line, 0, line.length() - 1).append(' ');
                line = stripCr(lines.get(++i));
            }
            logical.append(line);
            handle(file, logical.toString().strip(), first, i, open);
            i++;
        }
        if (!open.isEmpty()) {
            Section section = open.peek();
            throw new ApacheConfigException(section.where() + ": <" + section.name() + "> is never closed");
        }
    }

    private static void handle(ConfigFile file, String text, int first, int last, Deque<Section> open) {
        if (text.isEmpty() || text.startsWith("#")) {
            return;
        }
        if (text.startsWith("</")) {
            String name = text.substring(2, text.endsWith(">") ? text.length() - 1 : text.length()).strip();
            Section section = open.poll();
            if (section == null || !section.is(name)) {
                throw new ApacheConfigException(file.path() + ":" + (first + 1) + ": </" + name + "> without <"
                        + name + ">");
            }
            section.close(last);
            return;
        }
        if (text.startsWith("<")) {
            String inner = text.substring(1, text.endsWith(">") ? text.length() - 1 : text.length());
            List<String> words = ConfigWords.split(inner);
            String name = words.isEmpty() ? "" : words.get(0);
            Section section = new Section(name, words.subList(Math.min(1, words.size()), words.size()), file, first);
            attach(file, open, section);
            open.push(section);
            return;
        }
        List<String> words = ConfigWords.split(text);
        attach(file, open, new Directive(words.get(0), words.subList(1, words.size()), file, first, last));
    }

    private static void attach(ConfigFile file, Deque<Section> open, ConfigNode node) {
        if (open.isEmpty()) {
            file.add(node);
        } else {
            open.peek().add(node);
        }
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
