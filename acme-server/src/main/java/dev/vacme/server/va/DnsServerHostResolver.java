package dev.vacme.server.va;

import dev.vacme.common.pki.IpAddresses;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.dns.DnsClient;
import io.vertx.core.dns.DnsClientOptions;
import io.vertx.core.dns.DnsException;
import io.vertx.core.dns.DnsResponseCode;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Resolves by asking one DNS server ({@code --dns-resolver}) for A and AAAA records in parallel,
 * with Vert.x's non-blocking DNS client. A name resolves when either query returns addresses;
 * otherwise the problem says why: NXDOMAIN, another response code, a timeout, or no records.
 */
final class DnsServerHostResolver implements HostResolver {

    private final DnsClient client;
    private final DnsServer server;

    DnsServerHostResolver(Vertx vertx, DnsServer server, Duration queryTimeout) {
        this.server = server;
        this.client = vertx.createDnsClient(new DnsClientOptions()
                .setHost(server.address().getHostAddress())
                .setPort(server.port())
                .setQueryTimeout(queryTimeout.toMillis())
                .setRecursionDesired(true));
    }

    @Override
    public Future<List<InetAddress>> resolve(String hostName) {
        Future<List<String>> ipv4 = client.resolveA(hostName);
        Future<List<String>> ipv6 = client.resolveAAAA(hostName);
        return Future.join(ipv6, ipv4).transform(done -> combine(hostName, ipv6, ipv4));
    }

    private Future<List<InetAddress>> combine(String hostName, Future<List<String>> ipv6, Future<List<String>> ipv4) {
        List<InetAddress> addresses = new ArrayList<>();
        for (Future<List<String>> answer : List.of(ipv6, ipv4)) {
            if (answer.succeeded() && answer.result() != null) {
                answer.result().stream().map(IpAddresses::parse).flatMap(Optional::stream).forEach(addresses::add);
            }
        }
        if (!addresses.isEmpty()) {
            return Future.succeededFuture(addresses);
        }
        return Future.failedFuture(AcmeProblemException.of(ProblemType.DNS, "DNS problem: " + reason(hostName,
                ipv6.cause(), ipv4.cause())));
    }

    private String reason(String hostName, Throwable ipv6Error, Throwable ipv4Error) {
        if (isCode(ipv6Error, DnsResponseCode.NXDOMAIN) || isCode(ipv4Error, DnsResponseCode.NXDOMAIN)) {
            return "NXDOMAIN looking up A and AAAA for " + hostName + " (the name does not exist)";
        }
        Throwable error = ipv4Error != null ? ipv4Error : ipv6Error;
        if (error instanceof DnsException dns) {
            return dns.code().name() + " looking up " + hostName + " at " + server;
        }
        if (error != null) {
            return "no answer from " + server + " looking up " + hostName + " (query timed out or failed)";
        }
        return "no A or AAAA record found for " + hostName;
    }

    private static boolean isCode(Throwable error, DnsResponseCode code) {
        return error instanceof DnsException dns && dns.code() == code;
    }
}
