package dev.vacme.client;

import dev.vacme.client.acme.Sleeper;
import dev.vacme.client.acme.TransportFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the client takes from the outside world, resolved once in {@link ClientMain#main}
 * and passed down: nothing below {@code main} reads environment variables, system properties or
 * the system clock directly, so tests can run the whole CLI in-process with fakes.
 *
 * @param variables      the process environment; hooks inherit it, and it supplies
 *                       {@code HOME} and {@code XDG_CONFIG_HOME}
 * @param root           whether the process runs as root (then the config dir is /etc/vacme)
 * @param terminal       whether stdin is a terminal (prompts allowed, no random sleep), see
 *                       {@link StandardInput}
 * @param workingDir     the current directory, for relative paths such as {@code --csr}
 * @param out            standard output
 * @param err            standard error
 * @param in             standard input, for prompts
 * @param clock          the clock
 * @param random         randomness for ARI window points and the renew delay
 * @param sleeper        how to wait (polling, the renew delay)
 * @param transports     builds the HTTP transport to an ACME server
 * @param interruption   the signal that interrupted the run, once one has
 */
public record Environment(
        Map<String, String> variables,
        boolean root,
        boolean terminal,
        Path workingDir,
        PrintStream out,
        PrintStream err,
        BufferedReader in,
        Clock clock,
        SecureRandom random,
        Sleeper sleeper,
        TransportFactory transports,
        Interruption interruption) {

    public Environment {
        variables = Map.copyOf(variables);
        interruption = interruption == null ? new Interruption() : interruption;
        Objects.requireNonNull(workingDir, "workingDir");
        Objects.requireNonNull(clock, "clock");
    }

    /** Creates an environment no signal interrupts (tests run the command line in-process). */
    public Environment(Map<String, String> variables, boolean root, boolean terminal, Path workingDir,
            PrintStream out, PrintStream err, BufferedReader in, Clock clock, SecureRandom random, Sleeper sleeper,
            TransportFactory transports) {
        this(variables, root, terminal, workingDir, out, err, in, clock, random, sleeper, transports,
                new Interruption());
    }

    /** Builds the environment of the running process. Only {@code main} calls this. */
    public static Environment ofProcess() {
        return new Environment(
                System.getenv(),
                isRoot(),
                StandardInput.isTerminal(),
                Path.of(System.getProperty("user.dir")),
                System.out,
                System.err,
                new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())),
                Clock.systemUTC(),
                new DeferredSecureRandom(),
                Sleeper.REAL,
                TransportFactory.JDK,
                new Interruption());
    }

    /** Returns an environment variable, if set and not empty. */
    public Optional<String> variable(String name) {
        String value = variables.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** Returns a copy that builds transports with another factory (tests count requests this way). */
    public Environment withTransports(TransportFactory factory) {
        return new Environment(variables, root, terminal, workingDir, out, err, in, clock, random, sleeper, factory,
                interruption);
    }

    /** Returns a copy with another clock. */
    public Environment withClock(Clock newClock) {
        return new Environment(variables, root, terminal, workingDir, out, err, in, newClock, random, sleeper,
                transports, interruption);
    }

    private static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (Exception e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
