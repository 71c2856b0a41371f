package dev.vacme.server.va;

import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Resolves through the operating system ({@code /etc/hosts}, then the configured DNS servers),
 * on a worker thread because {@link InetAddress#getAllByName} blocks. The system resolver cannot
 * tell a missing name from a name without addresses, so both give the same {@code dns} problem.
 * The JVM caches answers ({@code networkaddress.cache.ttl}).
 */
final class SystemHostResolver implements HostResolver {

    private final Vertx vertx;

    SystemHostResolver(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public Future<List<InetAddress>> resolve(String hostName) {
        return vertx.executeBlocking(() -> List.of(InetAddress.getAllByName(hostName)), false)
                .recover(error -> Future.failedFuture(problem(hostName, error)));
    }

    private static AcmeProblemException problem(String hostName, Throwable error) {
        String detail = error instanceof UnknownHostException
                ? "DNS problem: no A or AAAA record found for " + hostName
                        + " (the name does not exist, or has no addresses)"
                : "DNS problem: looking up " + hostName + " failed";
        return AcmeProblemException.of(ProblemType.DNS, detail);
    }
}
