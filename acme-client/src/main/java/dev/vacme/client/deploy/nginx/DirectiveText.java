package dev.vacme.client.deploy.nginx;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes directives as text and finds where new lines go, in the style of the surrounding file:
 * a new directive goes on its own line after an anchor directive, with the anchor's indentation.
 */
final class DirectiveText {

    private DirectiveText() {
    }

    /** Returns {@code name arg...;}, quoting arguments that need it. */
    static String render(String name, List<String> args) {
        return name + args.stream().map(a -> " " + quote(a)).collect(Collectors.joining()) + ";";
    }

    /** Quotes a value when nginx would otherwise split or misread it. */
    static String quote(String value) {
        if (!value.isEmpty() && value.chars().noneMatch(c -> Character.isWhitespace(c)
                || ";{}#\"'\\".indexOf(c) >= 0)) {
            return value;
        }
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * Adds an edit inserting lines after an anchor directive: on the following line with the
     * anchor's indentation, or right after it on the same line when more directives (or the
     * block's closing brace) follow it there.
     */
    static void insertAfter(TextEdits edits, NginxFile file, NginxDirective anchor, List<String> lines) {
        String text = file.text();
        int lineEnd = text.indexOf('\n', anchor.end());
        String rest = text.substring(anchor.end(), lineEnd < 0 ? text.length() : lineEnd).strip();
        if (lineEnd < 0 || !(rest.isEmpty() || rest.startsWith("#"))) {
            edits.insert(file.path(), anchor.end(), lines.stream().map(l -> " " + l).collect(Collectors.joining()));
            return;
        }
        String indent = indentOf(text, anchor.start());
        edits.insert(file.path(), lineEnd + 1,
                lines.stream().map(l -> indent + l + "\n").collect(Collectors.joining()));
    }

    /** Adds an edit inserting lines as the first lines of an empty block. */
    static void insertIntoEmptyBlock(TextEdits edits, NginxFile file, NginxDirective block, List<String> lines) {
        String indent = indentOf(file.text(), block.start()) + "    ";
        edits.insert(file.path(), block.bodyStart(),
                lines.stream().map(l -> "\n" + indent + l).collect(Collectors.joining()) + "\n"
                        + indentOf(file.text(), block.start()));
    }

    /** Adds an edit removing a directive, with its whole line when it is alone on it. */
    static void remove(TextEdits edits, NginxFile file, NginxDirective directive) {
        String text = file.text();
        int lineStart = text.lastIndexOf('\n', directive.start() - 1) + 1;
        int lineEnd = text.indexOf('\n', directive.end());
        boolean alone = text.substring(lineStart, directive.start()).isBlank()
                && text.substring(directive.end(), lineEnd < 0 ? text.length() : lineEnd).isBlank();
        if (alone) {
            edits.remove(file.path(), lineStart, lineEnd < 0 ? text.length() : lineEnd + 1);
        } else {
            edits.remove(file.path(), directive.start(), directive.end());
        }
    }

    /** Returns the whitespace that starts the line an offset is on. */
    static String indentOf(String text, int offset) {
        int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        int end = lineStart;
        while (end < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) {
            end++;
        }
        return text.substring(lineStart, end);
    }
}
