package dev.vacme.client;

import java.time.Duration;

/**
 * Lets the JVM exit at once. {@code System.exit} waits up to about 300 ms for every thread that is
 * in native code to block (HotSpot's {@code VM_Exit}), and the selector thread of a
 * {@code java.net.http.HttpClient} sits in native {@code epoll_wait} until the client is garbage
 * collected: every command that talked to the ACME server would pay that wait after its work is
 * done. JDK 21's {@code HttpClient.shutdownNow()} would stop it; on JDK 17 interrupting the thread
 * ends its loop.
 */
final class ExitPreparation {

    /** The JDK names the thread {@code HttpClient-<id>-SelectorManager}. */
    private static final String SELECTOR_THREAD_SUFFIX = "-SelectorManager";
    private static final Duration JOIN_TIMEOUT = Duration.ofMillis(100);

    private ExitPreparation() {
    }

    /** Stops the HTTP clients' selector threads; call only when the command has finished. */
    static void stopHttpClientSelectors() {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.isDaemon() && thread.getName().startsWith("HttpClient-")
                    && thread.getName().endsWith(SELECTOR_THREAD_SUFFIX)) {
                thread.interrupt();
                try {
                    thread.join(JOIN_TIMEOUT.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
