package dev.vacme.client.testing;

import dev.vacme.client.Environment;
import dev.vacme.client.acme.Sleeper;
import dev.vacme.client.acme.TransportFactory;
import dev.vacme.client.cli.VacmeCli;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Runs the whole {@code vacme} command line in-process against a test environment. */
public final class CliRunner {

    /**
     * What one run printed and returned.
     *
     * @param exitCode the exit code
     * @param out      standard output
     * @param err      standard error
     */
    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final Path home;
    private final Map<String, String> variables = new HashMap<>(System.getenv());
    private boolean root;
    private boolean terminal;
    private String stdin = "";
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = RecordingSleeper.realUpTo(Duration.ofSeconds(15));
    private TransportFactory transports = TransportFactory.JDK;

    /** Creates a runner whose HOME (and working directory) is the given directory. */
    public CliRunner(Path home) {
        this.home = home;
        variables.put("HOME", home.toString());
        variables.remove("XDG_CONFIG_HOME");
    }

    /** Pretends the process runs as root. */
    public CliRunner root(boolean value) {
        this.root = value;
        return this;
    }

    /** Pretends stdin is a terminal (see StandardInput). */
    public CliRunner terminal(boolean value) {
        this.terminal = value;
        return this;
    }

    /** Sets what the operator types. */
    public CliRunner stdin(String text) {
        this.stdin = text;
        return this;
    }

    /** Sets an environment variable. */
    public CliRunner variable(String name, String value) {
        if (value == null) {
            variables.remove(name);
        } else {
            variables.put(name, value);
        }
        return this;
    }

    /** Sets the clock. */
    public CliRunner clock(Clock value) {
        this.clock = value;
        return this;
    }

    /** Sets the sleeper. */
    public CliRunner sleeper(Sleeper value) {
        this.sleeper = value;
        return this;
    }

    /** Sets the transport factory. */
    public CliRunner transports(TransportFactory value) {
        this.transports = value;
        return this;
    }

    /** Runs the command line. */
    public Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        Environment environment = new Environment(variables, root, terminal, home, outStream, errStream,
                new BufferedReader(new StringReader(stdin)), clock, new SecureRandom(), sleeper, transports);
        int code = new VacmeCli(environment).execute(args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
