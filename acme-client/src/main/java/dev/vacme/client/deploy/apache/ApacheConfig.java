package dev.vacme.client.deploy.apache;

import dev.vacme.client.ErrorText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * httpd's whole configuration as vacme reads it: the main file and every file it includes, in the
 * order httpd reads them. {@code <IfModule>}, {@code <IfDefine>} and the like are not evaluated:
 * what is inside them counts, which is what an edit needs (a VirtualHost inside
 * {@code <IfModule mod_ssl.c>} is still the one to edit).
 */
final class ApacheConfig {

    /** Include nesting deeper than this is taken for a loop. */
    private static final int MAX_DEPTH = 32;

    private final Path serverRoot;
    private final ConfigFile main;
    private final Map<Path, ConfigFile> files = new LinkedHashMap<>();
    private final Map<Directive, List<ConfigFile>> included = new IdentityHashMap<>();
    private final List<String> includePatterns = new ArrayList<>();

    private ApacheConfig(Path serverRoot, ConfigFile main) {
        this.serverRoot = serverRoot;
        this.main = main;
    }

    /** Returns the main configuration file of a server root: {@code apache2.conf} or {@code httpd.conf}. */
    static Path mainFile(Path serverRoot) {
        for (String name : List.of("apache2.conf", "httpd.conf", "conf/httpd.conf")) {
            Path candidate = serverRoot.resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new ApacheConfigException("no apache2.conf or httpd.conf in " + serverRoot
                + "; give Apache's configuration directory with --apache-server-root");
    }

    /**
     * Reads the configuration of a server root and every file it includes.
     *
     * @throws ApacheConfigException when a file cannot be read or parsed
     */
    static ApacheConfig load(Path serverRoot) {
        Path root = serverRoot.toAbsolutePath().normalize();
        Path mainPath = mainFile(root);
        ApacheConfig config = new ApacheConfig(root, read(mainPath));
        config.files.put(mainPath, config.main);
        Path effectiveRoot = config.declaredServerRoot().orElse(root);
        config.loadIncludes(effectiveRoot, config.main, new ArrayDeque<>());
        return config;
    }

    /** Returns the directory relative paths are resolved against. */
    Path serverRoot() {
        return declaredServerRoot().orElse(serverRoot);
    }

    /** Returns the main file. */
    ConfigFile main() {
        return main;
    }

    /** Returns every file read, main file first. */
    List<ConfigFile> files() {
        return List.copyOf(files.values());
    }

    /** Visits every node in the order httpd reads them, descending into sections and included files. */
    void walk(Consumer<ConfigNode> visitor) {
        walk(main.nodes(), visitor);
    }

    /** Returns every {@code <VirtualHost>} section. */
    List<Section> virtualHosts() {
        List<Section> hosts = new ArrayList<>();
        walk(node -> {
            if (node instanceof Section s && s.is("VirtualHost")) {
                hosts.add(s);
            }
        });
        return hosts;
    }

    /** Returns every directive with this name, wherever it is. */
    List<Directive> directives(String name) {
        List<Directive> found = new ArrayList<>();
        walk(node -> {
            if (node instanceof Directive d && d.is(name)) {
                found.add(d);
            }
        });
        return found;
    }

    /** Returns true when one of the configuration's includes would read a file created at this path. */
    boolean wouldInclude(Path candidate) {
        return includePatterns.stream().anyMatch(p -> IncludePatterns.matches(serverRoot(), p, candidate));
    }

    private Optional<Path> declaredServerRoot() {
        return main.nodes().stream()
                .filter(n -> n instanceof Directive d && d.is("ServerRoot") && !d.args().isEmpty())
                .map(n -> Path.of(((Directive) n).firstArg()))
                .reduce((first, second) -> second);
    }

    private void walk(List<ConfigNode> nodes, Consumer<ConfigNode> visitor) {
        for (ConfigNode node : nodes) {
            visitor.accept(node);
            if (node instanceof Section section) {
                walk(section.children(), visitor);
            } else if (node instanceof Directive directive) {
                for (ConfigFile file : included.getOrDefault(directive, List.of())) {
                    walk(file.nodes(), visitor);
                }
            }
        }
    }

    private void loadIncludes(Path root, ConfigFile file, Deque<Path> stack) {
        if (stack.size() > MAX_DEPTH || stack.contains(file.path())) {
            throw new ApacheConfigException(file.path() + " includes itself; fix the Include directives");
        }
        stack.push(file.path());
        List<Directive> includes = new ArrayList<>();
        collectIncludes(file.nodes(), includes);
        for (Directive include : includes) {
            List<ConfigFile> children = new ArrayList<>();
            for (String pattern : include.args()) {
                includePatterns.add(pattern);
                for (Path path : resolve(root, pattern, include)) {
                    ConfigFile child = files.containsKey(path) ? files.get(path) : read(path);
                    files.putIfAbsent(path, child);
                    children.add(child);
                    loadIncludes(root, child, stack);
                }
            }
            included.put(include, children);
        }
        stack.pop();
    }

    private static void collectIncludes(List<ConfigNode> nodes, List<Directive> includes) {
        for (ConfigNode node : nodes) {
            if (node instanceof Directive d && (d.is("Include") || d.is("IncludeOptional"))) {
                includes.add(d);
            } else if (node instanceof Section s) {
                collectIncludes(s.children(), includes);
            }
        }
    }

    private static List<Path> resolve(Path root, String pattern, Directive include) {
        if (pattern.contains("${")) {
            // Variables come from Define or the environment (Debian's envvars); vacme cannot know them.
            return List.of();
        }
        try {
            return IncludePatterns.resolve(root, pattern);
        } catch (IOException e) {
            throw new ApacheConfigException("cannot read what " + include.where() + " includes: " + ErrorText.of(e), e);
        }
    }

    private static ConfigFile read(Path path) {
        try {
            return ConfigFile.parse(path, ConfigCharset.read(path));
        } catch (IOException e) {
            throw new ApacheConfigException("cannot read " + path + ": " + ErrorText.of(e), e);
        }
    }
}
