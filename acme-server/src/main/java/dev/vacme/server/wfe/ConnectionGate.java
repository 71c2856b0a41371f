package dev.vacme.server.wfe;

import dev.vacme.server.config.ConnectionLimits;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.SocketAddress;
import java.time.Clock;
import dev.vacme.server.logging.LogLimiter;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits or closes each new connection of the ACME listeners (on every event loop) against the
 * caps of {@link ConnectionLimits}: in total and per client address. A refused connection is
 * closed at once; the refusals are logged at most once a minute, with how many there were.
 */
public final class ConnectionGate {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGate.class);
    private static final Duration LOG_INTERVAL = Duration.ofMinutes(1);

    private final ConnectionLimits limits;
    private final LogLimiter refusals;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<String, Integer> openByAddress = new ConcurrentHashMap<>();

    /** Creates the gate. */
    public ConnectionGate(ConnectionLimits limits, Clock clock) {
        this.limits = limits;
        this.refusals = new LogLimiter(LOG_INTERVAL, () -> TimeUnit.MILLISECONDS.toNanos(clock.millis()));
    }

    /** The connection handler of an HTTP server: counts the connection, or closes it when over a cap. */
    public void admit(HttpConnection connection) {
        String address = hostOf(connection.remoteAddress());
        int total = open.incrementAndGet();
        int mine = openByAddress.merge(address, 1, Integer::sum);
        connection.closeHandler(ignored -> release(address));
        if (total > limits.maxConnections()) {
            refuse(connection, "the server has " + limits.maxConnections() + " connections open");
        } else if (mine > limits.maxPerAddress()) {
            refuse(connection, address + " has " + limits.maxPerAddress() + " connections open");
        }
    }

    /** Returns how many connections are open now. */
    public int open() {
        return open.get();
    }

    private void release(String address) {
        open.decrementAndGet();
        openByAddress.computeIfPresent(address, (ignored, count) -> count == 1 ? null : count - 1);
    }

    private void refuse(HttpConnection connection, String reason) {
        connection.close();
        refusals.permit().ifPresent(held -> LOG.warn("refused {} new connection(s) in the last minute; now: {} "
                + "(--max-connections, --max-connections-per-address)", held + 1, reason));
    }

    private static String hostOf(SocketAddress address) {
        return address == null || address.hostAddress() == null ? "unknown" : address.hostAddress();
    }
}
