package dev.vacme.client.deploy.apache;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Changes to make to the configuration, kept as line replacements in the files they touch, new
 * files and new symbolic links, each with a sentence saying what it does. Nothing is written
 * here: {@link #render()} gives the new contents and {@link ConfigChanges} writes them.
 */
final class ConfigEdits {

    /** Replaces lines {@code [from, to)} of a file with {@code lines}; an insertion when both are equal. */
    private record Edit(int from, int to, List<String> lines) {
    }

    private final Map<ConfigFile, List<Edit>> edits = new IdentityHashMap<>();
    private final Map<Path, String> created = new LinkedHashMap<>();
    private final Map<Path, Path> links = new LinkedHashMap<>();
    private final List<String> descriptions = new ArrayList<>();

    /** Replaces a directive or section with other lines. */
    void replace(ConfigNode node, List<String> lines, String description) {
        add(node.file(), new Edit(node.firstLine(), node.lastLine() + 1, lines), description);
    }

    /** Inserts lines before a line of a file. */
    void insertBefore(ConfigFile file, int line, List<String> lines, String description) {
        add(file, new Edit(line, line, lines), description);
    }

    /** Inserts lines after a directive or section. */
    void insertAfter(ConfigNode node, List<String> lines, String description) {
        insertBefore(node.file(), node.lastLine() + 1, lines, description);
    }

    /** Creates a file (or replaces one that no include reads yet). */
    void create(Path file, String content, String description) {
        created.put(file, content);
        descriptions.add(description);
    }

    /** Creates a symbolic link, as {@code a2enmod} does. */
    void link(Path link, Path target, String description) {
        links.put(link, target);
        descriptions.add(description);
    }

    /** Returns true when nothing is to change. */
    boolean isEmpty() {
        return edits.isEmpty() && created.isEmpty() && links.isEmpty();
    }

    /** Returns what the edits do, one sentence each, in the order they were planned. */
    List<String> descriptions() {
        return List.copyOf(descriptions);
    }

    /** Returns the symbolic links to create and their targets. */
    Map<Path, Path> links() {
        return Map.copyOf(links);
    }

    /** Returns the full new content of every file to write, changed and created ones. */
    Map<Path, String> render() {
        Map<Path, String> contents = new LinkedHashMap<>();
        for (Map.Entry<ConfigFile, List<Edit>> entry : edits.entrySet()) {
            ConfigFile file = entry.getKey();
            List<String> lines = new ArrayList<>(file.lines());
            List<Edit> sorted = new ArrayList<>(entry.getValue());
            // From the bottom up, so that every edit's line numbers still hold; insertions at the same
            // line keep their planned order.
            sorted.sort(Comparator.comparingInt(Edit::from).thenComparingInt(Edit::to).reversed());
            for (Edit edit : reverseInsertionsAtSameLine(sorted)) {
                lines.subList(edit.from(), edit.to()).clear();
                lines.addAll(edit.from(), edit.lines());
            }
            contents.put(file.path(), ConfigFile.join(lines, file.finalNewline() || file.lines().isEmpty()));
        }
        contents.putAll(created);
        return contents;
    }

    private static List<Edit> reverseInsertionsAtSameLine(List<Edit> sorted) {
        List<Edit> result = new ArrayList<>();
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j < sorted.size() && sorted.get(j).from() == sorted.get(i).from()
                    && sorted.get(j).to() == sorted.get(i).to()) {
                j++;
            }
            List<Edit> group = new ArrayList<>(sorted.subList(i, j));
            Collections.reverse(group);
            result.addAll(group);
            i = j;
        }
        return result;
    }

    private void add(ConfigFile file, Edit edit, String description) {
        edits.computeIfAbsent(file, f -> new ArrayList<>()).add(edit);
        descriptions.add(description);
    }
}
