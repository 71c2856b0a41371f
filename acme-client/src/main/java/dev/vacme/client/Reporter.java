package dev.vacme.client;

/**
 * Where the client tells the operator what happens. {@code -q} keeps only errors, {@code -v}
 * adds the verbose messages; the command line's output class decides where each goes.
 */
public interface Reporter {

    /** Progress and results an operator normally wants to see. */
    void info(String message);

    /** Details for {@code -v}. */
    void verbose(String message);

    /** Something went wrong but the run continues; shown unless {@code -q}. */
    void warn(String message);

    /** A failure; always shown. */
    void error(String message);
}
