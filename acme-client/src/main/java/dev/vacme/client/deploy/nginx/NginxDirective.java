package dev.vacme.client.deploy.nginx;

import java.nio.file.Path;
import java.util.List;

/**
 * One directive of an nginx configuration file, {@code name args... ;} or
 * {@code name args... { ... }}, with the place its text occupies in its file.
 *
 * @param name      the directive's name, e.g. {@code server_name}
 * @param args      its arguments, unquoted
 * @param file      the file it is written in
 * @param line      the 1-based line its name is on
 * @param start     offset of its name
 * @param end       offset after its {@code ;} or its closing brace
 * @param bodyStart for a block, the offset after its opening brace; -1 otherwise
 * @param block     for a block, the directives inside it (includes not expanded); null otherwise
 */
public record NginxDirective(String name, List<String> args, Path file, int line, int start, int end,
        int bodyStart, List<NginxDirective> block) {

    public NginxDirective {
        args = List.copyOf(args);
        block = block == null ? null : List.copyOf(block);
    }

    /** Returns true for a block directive such as {@code server { ... }}. */
    public boolean isBlock() {
        return block != null;
    }

    /** Returns the offset of a block's closing brace. */
    public int closeBrace() {
        return end - 1;
    }

    /** Returns the first argument, or an empty string. */
    public String firstArg() {
        return args.isEmpty() ? "" : args.get(0);
    }

    /** Returns where it is, as {@code FILE:LINE}, for messages. */
    public String where() {
        return file + ":" + line;
    }
}
