package dev.vacme.client.deploy.nginx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Changes to the text of configuration files, collected first and applied together: each edit
 * replaces one span of one file's original text, so what lies outside the spans stays byte for
 * byte as it was.
 */
public final class TextEdits {

    /**
     * One replacement.
     *
     * @param start       offset of the first replaced character
     * @param end         offset after the last replaced character ({@code start} for an insertion)
     * @param replacement the new text
     * @param order       keeps insertions at one offset in the order they were added
     */
    private record Edit(int start, int end, String replacement, int order) {
    }

    private final Map<Path, List<Edit>> edits = new LinkedHashMap<>();
    private int added;

    /** Replaces a directive's text (from its name to its {@code ;}) with other text. */
    public TextEdits replace(NginxDirective directive, String text) {
        return add(directive.file(), directive.start(), directive.end(), text);
    }

    /** Inserts text at an offset of a file. */
    public TextEdits insert(Path file, int offset, String text) {
        return add(file, offset, offset, text);
    }

    /** Removes the span between two offsets of a file. */
    public TextEdits remove(Path file, int start, int end) {
        return add(file, start, end, "");
    }

    private TextEdits add(Path file, int start, int end, String text) {
        edits.computeIfAbsent(file, f -> new ArrayList<>()).add(new Edit(start, end, text, added++));
        return this;
    }

    /** Returns true when nothing is to change. */
    public boolean isEmpty() {
        return edits.isEmpty();
    }

    /** Returns the files that change, in the order they were first edited. */
    public List<Path> files() {
        return List.copyOf(edits.keySet());
    }

    /**
     * Returns a file's text with this set's edits applied.
     *
     * @throws IllegalStateException when two edits overlap (a bug in whoever made them)
     */
    public String apply(Path file, String original) {
        List<Edit> sorted = new ArrayList<>(edits.getOrDefault(file, List.of()));
        sorted.sort(Comparator.comparingInt(Edit::start).thenComparingInt(Edit::order));
        StringBuilder text = new StringBuilder(original.length() + 256);
        int copied = 0;
        for (Edit edit : sorted) {
            if (edit.start() < copied) {
                throw new IllegalStateException("overlapping edits of " + file);
            }
            text.append(original, copied, edit.start()).append(edit.replacement());
            copied = edit.end();
        }
        return text.append(original, copied, original.length()).toString();
    }
}
