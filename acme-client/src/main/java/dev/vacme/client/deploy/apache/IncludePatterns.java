package dev.vacme.client.deploy.apache;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Resolves the argument of {@code Include} and {@code IncludeOptional} as httpd does: relative to
 * the server root, shell wildcards in any path segment (a wildcard never matches a {@code /} or a
 * leading dot), a directory meaning every file below it, matches in name order.
 */
final class IncludePatterns {

    private IncludePatterns() {
    }

    /** Returns the pattern as an absolute, normalised path. */
    static Path absolute(Path serverRoot, String pattern) {
        return serverRoot.resolve(pattern).normalize();
    }

    /** Returns the files the pattern includes now, in the order httpd reads them. */
    static List<Path> resolve(Path serverRoot, String pattern) throws IOException {
        Path full = absolute(serverRoot, pattern);
        List<Path> current = List.of(full.getRoot());
        for (Path segment : full) {
            List<Path> next = new ArrayList<>();
            for (Path base : current) {
                next.addAll(expand(base, segment.toString()));
            }
            current = next;
        }
        List<Path> files = new ArrayList<>();
        for (Path path : current) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile).sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            }
        }
        return files;
    }

    /** Returns true when a file created at {@code candidate} would be included by the pattern. */
    static boolean matches(Path serverRoot, String pattern, Path candidate) {
        Path full = absolute(serverRoot, pattern);
        Path file = candidate.toAbsolutePath().normalize();
        if (Files.isDirectory(full)) {
            return file.startsWith(full);
        }
        if (!hasWildcard(full.toString())) {
            return file.equals(full);
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + escapeBraces(full.toString()));
        return matcher.matches(file) && !file.getFileName().toString().startsWith(".");
    }

    private static List<Path> expand(Path base, String segment) throws IOException {
        if (!hasWildcard(segment)) {
            Path next = base.resolve(segment);
            return Files.exists(next) ? List.of(next) : List.of();
        }
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + escapeBraces(segment));
        try (Stream<Path> entries = Files.list(base)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> matcher.matches(p.getFileName()))
                    .sorted()
                    .toList();
        }
    }

    private static boolean hasWildcard(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0 || text.indexOf('[') >= 0;
    }

    /** httpd's wildcards know no {@code {a,b}} alternatives; Java's glob does, so braces are escaped. */
    private static String escapeBraces(String glob) {
        return glob.replace("{", "\\{").replace("}", "\\}");
    }
}
