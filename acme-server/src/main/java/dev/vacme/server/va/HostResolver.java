package dev.vacme.server.va;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.util.List;

/**
 * Finds the addresses of a host name for validation. Implementations never block the event loop
 * and fail with an {@link dev.vacme.server.AcmeProblemException} of type {@code dns} when the
 * name does not resolve (NXDOMAIN, no A or AAAA record, server failure, timeout).
 */
public interface HostResolver {

    /**
     * Resolves a host name (never an IP literal) to its A and AAAA addresses, in no particular
     * order; the list is never empty.
     */
    Future<List<InetAddress>> resolve(String hostName);

    /**
     * Builds the resolver the settings describe: the host overrides first, then names under
     * {@code .invalid} fail at once (RFC 6761 §6.4), then the configured DNS server when there is
     * one, else the system resolver on a worker thread.
     */
    static HostResolver forSettings(Vertx vertx, ValidationSettings settings) {
        HostResolver dns = settings.dnsResolver()
                .<HostResolver>map(server -> new DnsServerHostResolver(vertx, server, settings.timeout()))
                .orElseGet(() -> new SystemHostResolver(vertx));
        return new ConfiguredHostResolver(settings.hostOverrides(), dns);
    }
}
