package dev.vacme.client.cli;

import dev.vacme.client.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * certbot's configuration file: {@code -c FILE} / {@code --config FILE}, else {@code CONFIG/cli.ini}
 * when it exists. Each line is an option without its dashes ({@code rsa-key-size = 4096},
 * {@code agree-tos}, {@code agree-tos = true}); {@code #} and {@code ;} start comments. The file's
 * options go right after the verb, so those on the command line win. A key that is an option of
 * another verb only is skipped (a {@code cli.ini} serves every verb); one that no verb knows is
 * reported and skipped.
 */
final class CliIni {

    private CliIni() {
    }

    /**
     * Returns the arguments with the file's options inserted after the verb, and {@code -c FILE} removed.
     *
     * @param defaultConfigDir the config directory when {@code --config-dir} is not given
     * @param resolve          resolves a path given on the command line (against the working directory)
     */
    static String[] expand(String[] args, CommandLine root, Function<String, Path> resolve,
            Supplier<Path> defaultConfigDir, PrintStream err) {
        List<String> rest = new ArrayList<>();
        Path explicit = null;
        String configDir = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ((arg.equals("-c") || arg.equals("--config")) && i + 1 < args.length) {
                explicit = resolve.apply(args[++i]);
                continue;
            }
            if (arg.startsWith("--config=")) {
                explicit = resolve.apply(arg.substring("--config=".length()));
                continue;
            }
            if (arg.equals("--config-dir") && i + 1 < args.length) {
                configDir = args[i + 1];
            } else if (arg.startsWith("--config-dir=")) {
                configDir = arg.substring("--config-dir=".length());
            }
            rest.add(arg);
        }
        int verb = verbIndex(rest, root);
        if (verb < 0) {
            return rest.toArray(String[]::new);
        }
        Path file = explicit;
        if (file == null) {
            Path dir = configDir != null ? resolve.apply(configDir) : defaultConfigDir.get();
            file = dir.resolve("cli.ini");
            if (!Files.isRegularFile(file)) {
                return rest.toArray(String[]::new);
            }
        }
        CommandLine sub = root.getSubcommands().get(rest.get(verb));
        List<String> options = options(file, sub, root, err);
        rest.addAll(verb + 1, options);
        return rest.toArray(String[]::new);
    }

    private static int verbIndex(List<String> args, CommandLine root) {
        for (int i = 0; i < args.size(); i++) {
            if (root.getSubcommands().containsKey(args.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> options(Path file, CommandLine sub, CommandLine root, PrintStream err) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UsageException("cannot read the configuration file " + file + ": no such file");
        } catch (IOException e) {
            throw new UsageException("cannot read the configuration file " + file + ": " + e.getMessage());
        }
        List<String> options = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";") || line.startsWith("[")) {
                continue;
            }
            int equals = line.indexOf('=');
            String key = (equals < 0 ? line : line.substring(0, equals)).strip();
            String value = equals < 0 ? null : line.substring(equals + 1).strip();
            if (key.isEmpty() || key.startsWith("-") || key.contains(" ")) {
                throw new UsageException(file + " line " + (n + 1) + ": expected 'option = value' or 'option',"
                        + " found '" + line + "'");
            }
            String name = "--" + key;
            if (sub.getCommandSpec().findOption(name) == null) {
                if (!knownToAnyVerb(root, name)) {
                    err.println("warning: " + file + " line " + (n + 1) + ": vacme has no option --" + key
                            + "; ignoring it");
                }
                continue;
            }
            if (sub.getCommandSpec().findOption(name).typeInfo().isBoolean()) {
                if (value == null || value.isEmpty() || value.toLowerCase(Locale.ROOT).equals("true")) {
                    options.add(name);
                }
                continue;
            }
            if (value == null || value.isEmpty()) {
                throw new UsageException(file + " line " + (n + 1) + ": --" + key + " needs a value");
            }
            options.add(name);
            options.add(value);
        }
        return options;
    }

    private static boolean knownToAnyVerb(CommandLine root, String name) {
        return root.getCommandSpec().findOption(name) != null || root.getSubcommands().values().stream()
                .anyMatch(sub -> sub.getCommandSpec().findOption(name) != null);
    }
}
