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

    /**
     * What the run is about to wait for, so a person watching is not left guessing; shown unless
     * {@code -q}, on standard error where the command line keeps results apart.
     */
    default void progress(String message) {
        info(message);
    }

    /** Something went wrong but the run continues; shown unless {@code -q}. */
    void warn(String message);

    /** A failure; always shown. */
    void error(String message);
}
