package dev.vacme.client.cli;

import dev.vacme.client.ErrorText;
import dev.vacme.client.UsageException;
import dev.vacme.client.VacmeException;
import picocli.CommandLine;

/**
 * The one place that turns outcomes into exit codes.
 * <table>
 *   <caption>exit codes</caption>
 *   <tr><td>0</td><td>success, including "nothing was due"</td></tr>
 *   <tr><td>1</td><td>something failed: the server refused, the network failed, validation
 *       failed, a hook failed, a file could not be written, a renewal failed, an installation
 *       failed (and was rolled back), a served certificate is not the live one</td></tr>
 *   <tr><td>2</td><td>bad usage: unknown option, missing argument, impossible combination, an
 *       unknown installer ({@code -i}; the message lists the known ones)</td></tr>
 *   <tr><td>3</td><td>{@code certificates --check-revocation}: a listed certificate is revoked (it
 *       is recorded, and the next {@code renew} replaces it)</td></tr>
 *   <tr><td>4</td><td>{@code certificates --check-revocation}: none is revoked, but the status of at
 *       least one could not be found out (no answer, or none that verifies)</td></tr>
 *   <tr><td>130, 143</td><td>interrupted by {@code SIGINT} (Ctrl-C) or {@code SIGTERM} (128 + the signal's
 *       number), after cleaning up; see {@link dev.vacme.client.Interruption}</td></tr>
 * </table>
 */
public final class ExitCodes {

    /** Success, or nothing to do. */
    public static final int OK = 0;
    /** Something failed. */
    public static final int FAILURE = 1;
    /** The command line is wrong. */
    public static final int USAGE = 2;
    /** {@code certificates --check-revocation} found a revoked certificate. */
    public static final int REVOKED = 3;
    /** {@code certificates --check-revocation} could not find out the status of a certificate. */
    public static final int REVOCATION_UNKNOWN = 4;

    private ExitCodes() {
    }

    /** Returns the exit code for a failure that ended a command. */
    public static int of(Throwable failure) {
        if (failure instanceof UsageException || failure instanceof CommandLine.ParameterException) {
            return USAGE;
        }
        return FAILURE;
    }

    /** Returns the exit code of a command that completed, with or without partial failures. */
    public static int of(boolean anyFailure) {
        return anyFailure ? FAILURE : OK;
    }

    /** Returns the message to print for a failure. */
    public static String message(Throwable failure) {
        if (failure instanceof VacmeException || failure instanceof CommandLine.ParameterException) {
            return failure.getMessage();
        }
        return "unexpected internal error: " + ErrorText.of(failure) + " (run with -v for details)";
    }
}
