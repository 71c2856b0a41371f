package dev.vacme.server.va;

import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import io.vertx.core.Future;
import java.net.InetAddress;
import java.util.Comparator;
import java.util.List;

/**
 * The resolver validation uses: static overrides ({@code --resolve}) first, so tests and trials
 * can point names at local responders; then the reserved {@code invalid} top-level domain, which
 * RFC 6761 §6.4 says resolvers answer negatively without asking anyone (this also protects
 * against resolvers that rewrite NXDOMAIN answers); then the real resolver.
 *
 * <p>When several overrides match, the most specific wins (an exact name over any wildcard, a
 * longer suffix over a shorter one); every override with that same pattern contributes its
 * address, so {@code a.test=::1} and {@code a.test=127.0.0.1} together give both families.
 */
final class ConfiguredHostResolver implements HostResolver {

    private final List<HostOverride> overrides;
    private final HostResolver delegate;

    ConfiguredHostResolver(List<HostOverride> overrides, HostResolver delegate) {
        this.overrides = List.copyOf(overrides);
        this.delegate = delegate;
    }

    @Override
    public Future<List<InetAddress>> resolve(String hostName) {
        String name = HostOverride.normalise(hostName);
        if (!HostOverride.isHostName(name)) {
            return Future.failedFuture(AcmeProblemException.of(ProblemType.DNS,
                    "DNS problem: " + ResponseText.quote(hostName, 100) + " is not a valid host name"));
        }
        List<InetAddress> overridden = overridden(name);
        if (!overridden.isEmpty()) {
            return Future.succeededFuture(overridden);
        }
        if (name.equals("invalid") || name.endsWith(".invalid")) {
            return Future.failedFuture(AcmeProblemException.of(ProblemType.DNS,
                    "DNS problem: NXDOMAIN looking up A and AAAA for " + name
                            + " (the .invalid top-level domain never exists, RFC 6761)"));
        }
        return delegate.resolve(name);
    }

    private List<InetAddress> overridden(String name) {
        List<HostOverride> matching = overrides.stream().filter(o -> o.matches(name)).toList();
        return matching.stream()
                .max(Comparator.comparingInt(HostOverride::specificity))
                .map(best -> matching.stream()
                        .filter(o -> o.pattern().equals(best.pattern()))
                        .map(HostOverride::address)
                        .distinct()
                        .toList())
                .orElse(List.of());
    }
}
