package dev.vacme.client.hook;

/**
 * How a hook command ended.
 *
 * @param command  the command line
 * @param exitCode its exit status, or -1 when it was killed after the timeout
 * @param stdout   what it wrote to standard output
 * @param stderr   what it wrote to standard error
 * @param timedOut true when it was killed because it ran past the timeout
 */
public record HookResult(String command, int exitCode, String stdout, String stderr, boolean timedOut) {

    /** Returns true when the command exited with status 0 in time. */
    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }

    /** Returns stdout and stderr together, trimmed, for the operator. */
    public String output() {
        String both = (stdout.strip() + "\n" + stderr.strip()).strip();
        return both;
    }
}
