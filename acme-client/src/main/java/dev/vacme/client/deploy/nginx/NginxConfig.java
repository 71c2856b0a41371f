package dev.vacme.client.deploy.nginx;

import dev.vacme.client.ErrorText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole nginx configuration: the main file and every file it includes. {@code include} paths
 * are resolved as nginx resolves them, relative to the directory of the main file, with glob
 * patterns ({@code *}, {@code ?}, {@code [...]}) in any path component, matches in name order,
 * names starting with a dot skipped, and a pattern matching nothing allowed.
 */
public final class NginxConfig {

    /** nginx refuses deeper include nesting too (it detects include loops). */
    private static final int MAX_DEPTH = 32;

    private final Path main;
    private final Map<Path, NginxFile> files = new LinkedHashMap<>();
    private final Map<NginxDirective, List<NginxFile>> includes = new IdentityHashMap<>();

    private NginxConfig(Path main) {
        this.main = main.toAbsolutePath().normalize();
    }

    /**
     * Reads the main file and, recursively, the files it includes.
     *
     * @throws NginxException when a file cannot be read or parsed
     */
    public static NginxConfig load(Path mainFile) {
        NginxConfig config = new NginxConfig(mainFile);
        NginxFile root = config.read(config.main);
        config.resolveIncludes(root.directives(), 0);
        return config;
    }

    /** Returns the main file. */
    public NginxFile mainFile() {
        return files.get(main);
    }

    /** Returns the directory relative include paths are resolved against. */
    public Path configDir() {
        return main.getParent();
    }

    /** Returns every file read, the main file first. */
    public List<NginxFile> files() {
        return List.copyOf(files.values());
    }

    /** Returns the file at a path, as read. */
    public NginxFile file(Path path) {
        NginxFile file = files.get(path);
        if (file == null) {
            throw new IllegalArgumentException("not part of the configuration: " + path);
        }
        return file;
    }

    /** Returns the directives with every {@code include} replaced by the directives it includes. */
    public List<NginxDirective> expand(List<NginxDirective> directives) {
        List<NginxDirective> expanded = new ArrayList<>();
        for (NginxDirective directive : directives) {
            List<NginxFile> included = includes.get(directive);
            if (included == null) {
                expanded.add(directive);
            } else {
                for (NginxFile file : included) {
                    expanded.addAll(expand(file.directives()));
                }
            }
        }
        return expanded;
    }

    /** Returns every {@code server} block inside the {@code http} blocks, in configuration order. */
    public List<NginxDirective> httpServers() {
        List<NginxDirective> servers = new ArrayList<>();
        for (NginxDirective http : expand(mainFile().directives())) {
            if (http.name().equals("http") && http.isBlock()) {
                for (NginxDirective directive : expand(http.block())) {
                    if (directive.name().equals("server") && directive.isBlock()) {
                        servers.add(directive);
                    }
                }
            }
        }
        return servers;
    }

    private NginxFile read(Path path) {
        NginxFile known = files.get(path);
        if (known != null) {
            return known;
        }
        try {
            NginxFile file = NginxFile.parse(path, Files.readString(path, StandardCharsets.UTF_8));
            files.put(path, file);
            return file;
        } catch (IOException e) {
            throw new NginxException("cannot read the nginx configuration file " + path + ": " + ErrorText.of(e), e);
        }
    }

    private void resolveIncludes(List<NginxDirective> directives, int depth) {
        if (depth > MAX_DEPTH) {
            throw new NginxException("the nginx configuration includes files more than " + MAX_DEPTH
                    + " levels deep; is there an include loop?");
        }
        for (NginxDirective directive : directives) {
            if (directive.name().equals("include") && !directive.isBlock() && directive.args().size() == 1) {
                List<NginxFile> included = new ArrayList<>();
                for (Path path : matches(directive)) {
                    NginxFile file = read(path);
                    included.add(file);
                    resolveIncludes(file.directives(), depth + 1);
                }
                includes.put(directive, included);
            } else if (directive.isBlock()) {
                resolveIncludes(directive.block(), depth);
            }
        }
    }

    private List<Path> matches(NginxDirective include) {
        String pattern = include.firstArg();
        Path target = configDir().resolve(pattern).normalize();
        if (!hasGlob(pattern)) {
            if (!Files.isRegularFile(target)) {
                throw new NginxException(include.where() + ": the included file " + target + " does not exist");
            }
            return List.of(target);
        }
        List<Path> found = new ArrayList<>();
        expandGlob(target.getRoot(), target, 0, found);
        return found.stream().filter(Files::isRegularFile).sorted().toList();
    }

    private static void expandGlob(Path directory, Path pattern, int index, List<Path> found) {
        if (index == pattern.getNameCount()) {
            found.add(directory);
            return;
        }
        String component = pattern.getName(index).toString();
        if (!hasGlob(component)) {
            Path next = directory.resolve(component);
            if (Files.exists(next)) {
                expandGlob(next, pattern, index + 1, found);
            }
            return;
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + component.replace("{", "\\{"));
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                Path name = entry.getFileName();
                if (!name.toString().startsWith(".") && matcher.matches(name)) {
                    expandGlob(entry, pattern, index + 1, found);
                }
            }
        } catch (IOException e) {
            // glob(3) skips directories it cannot read; so does nginx.
        }
    }

    private static boolean hasGlob(String pattern) {
        return pattern.contains("*") || pattern.contains("?") || pattern.contains("[");
    }
}
