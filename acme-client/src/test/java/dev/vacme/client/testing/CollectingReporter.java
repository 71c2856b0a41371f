package dev.vacme.client.testing;

import dev.vacme.client.Reporter;
import java.util.List;

/** A reporter that adds every message, whatever its level, to a list the test reads. */
public final class CollectingReporter implements Reporter {

    private final List<String> messages;

    /** Collects into {@code messages}. */
    public CollectingReporter(List<String> messages) {
        this.messages = messages;
    }

    @Override
    public void info(String message) {
        messages.add(message);
    }

    @Override
    public void verbose(String message) {
        messages.add(message);
    }

    @Override
    public void warn(String message) {
        messages.add(message);
    }

    @Override
    public void error(String message) {
        messages.add(message);
    }
}
