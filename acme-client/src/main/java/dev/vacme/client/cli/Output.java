package dev.vacme.client.cli;

import dev.vacme.client.Reporter;
import dev.vacme.common.json.AcmeJson;
import java.io.PrintStream;

/**
 * Where the command line writes. Results go to stdout; progress goes to stdout too, or to stderr
 * with {@code --json} so that stdout holds nothing but the JSON document; warnings and errors go
 * to stderr. {@code -q} leaves only errors (and requested results), so cron mails only on
 * trouble; {@code -v} adds details.
 */
public final class Output implements Reporter {

    private final PrintStream out;
    private final PrintStream err;
    private final boolean quiet;
    private final boolean verbose;
    private final boolean json;

    /** Creates the output. */
    public Output(PrintStream out, PrintStream err, boolean quiet, boolean verbose, boolean json) {
        this.out = out;
        this.err = err;
        this.quiet = quiet;
        this.verbose = verbose && !quiet;
        this.json = json;
    }

    @Override
    public void info(String message) {
        if (!quiet) {
            (json ? err : out).println(message);
        }
    }

    @Override
    public void verbose(String message) {
        if (verbose) {
            err.println(message);
        }
    }

    @Override
    public void progress(String message) {
        if (!quiet) {
            err.println(message);
        }
    }

    @Override
    public void warn(String message) {
        if (!quiet) {
            err.println("warning: " + message);
        }
    }

    @Override
    public void error(String message) {
        err.println("error: " + message);
    }

    /** Returns true when {@code --json} was given. */
    public boolean json() {
        return json;
    }

    /** Returns true when {@code -v} was given (and not {@code -q}). */
    public boolean isVerbose() {
        return verbose;
    }

    /** Prints a human-readable result unless {@code --json} was given; printed even with {@code -q}. */
    public void result(String text) {
        if (!json) {
            out.println(text);
        }
    }

    /** Prints a result as JSON when {@code --json} was given. */
    public void jsonResult(Object value) {
        if (json) {
            out.println(AcmeJson.toTree(value).toPrettyString());
        }
    }

    /** Returns stderr, for stack traces with {@code -v}. */
    PrintStream err() {
        return err;
    }
}
