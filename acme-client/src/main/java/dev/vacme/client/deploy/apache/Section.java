package dev.vacme.client.deploy.apache;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A section such as {@code <VirtualHost *:80>} ... {@code </VirtualHost>} with what it contains. */
final class Section implements ConfigNode {

    private final String name;
    private final List<String> args;
    private final ConfigFile file;
    private final int firstLine;
    private int lastLine;
    private final List<ConfigNode> children = new ArrayList<>();

    Section(String name, List<String> args, ConfigFile file, int firstLine) {
        this.name = name;
        this.args = List.copyOf(args);
        this.file = file;
        this.firstLine = firstLine;
        this.lastLine = firstLine;
    }

    @Override
    public String name() {
        return name;
    }

    /** Returns the arguments of the opening tag, e.g. {@code *:80}. */
    List<String> args() {
        return args;
    }

    @Override
    public ConfigFile file() {
        return file;
    }

    @Override
    public int firstLine() {
        return firstLine;
    }

    @Override
    public int lastLine() {
        return lastLine;
    }

    /** Returns the nodes directly inside the section. */
    List<ConfigNode> children() {
        return List.copyOf(children);
    }

    /** Returns the directives with this name anywhere inside the section, nested sections included. */
    List<Directive> find(String directive) {
        List<Directive> found = new ArrayList<>();
        collect(this, d -> d.is(directive), found);
        return found;
    }

    void add(ConfigNode child) {
        children.add(child);
    }

    void close(int line) {
        lastLine = line;
    }

    private static void collect(Section section, Predicate<Directive> wanted, List<Directive> found) {
        for (ConfigNode child : section.children) {
            if (child instanceof Directive d && wanted.test(d)) {
                found.add(d);
            } else if (child instanceof Section s) {
                collect(s, wanted, found);
            }
        }
    }
}
