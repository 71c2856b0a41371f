package dev.vacme.client.hook;

import dev.vacme.client.VacmeException;

/** A hook command failed, timed out or could not be started. */
public class HookException extends VacmeException {

    private final HookResult result;

    /** Creates the exception for a hook that failed, described in the message. */
    public HookException(String message) {
        super(message);
        this.result = null;
    }

    /** Creates the exception for a hook that ran and failed. */
    public HookException(String message, HookResult result) {
        super(message);
        this.result = result;
    }

    /** Creates the exception for a hook that could not be started. */
    public HookException(String message, Throwable cause) {
        super(message, cause);
        this.result = null;
    }

    /** Returns how the hook ended, or null when it never started. */
    public HookResult result() {
        return result;
    }
}
