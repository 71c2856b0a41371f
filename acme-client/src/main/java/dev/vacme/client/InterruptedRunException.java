package dev.vacme.client;

/**
 * The run was interrupted by a signal ({@code SIGINT}, {@code SIGTERM}): thrown where the run was
 * waiting (a hook, a request, a delay) so that every layer on the way up undoes what it started
 * (cleanup hooks, challenge files, pending authorizations, the lock). Code that catches failures
 * to carry on with the next item must let this one through.
 */
public class InterruptedRunException extends VacmeException {

    /** Creates the exception, saying what the run was doing. */
    public InterruptedRunException(String doing, InterruptedException cause) {
        super("interrupted " + doing, cause);
    }
}
