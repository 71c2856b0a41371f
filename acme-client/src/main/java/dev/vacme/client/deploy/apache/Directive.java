package dev.vacme.client.deploy.apache;

import java.util.List;

/**
 * One directive, e.g. {@code SSLCertificateFile /etc/ssl/a.pem}, possibly continued over several
 * lines with a trailing backslash.
 *
 * @param name      the directive's name as written
 * @param args      its arguments, quotes removed
 * @param file      the file it is written in
 * @param firstLine index of its first line
 * @param lastLine  index of its last line
 */
record Directive(String name, List<String> args, ConfigFile file, int firstLine, int lastLine)
        implements ConfigNode {

    Directive {
        args = List.copyOf(args);
    }

    /** Returns the first argument, or an empty string. */
    String firstArg() {
        return args.isEmpty() ? "" : args.get(0);
    }
}
