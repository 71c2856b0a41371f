package dev.vacme.server.va;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Where validation may connect (RFC 8555 §10.2, server-side request forgery). Validation never
 * connects to an address that reaches the CA's own host or its link (loopback, link-local
 * including the cloud metadata endpoint 169.254.169.254, unspecified, broadcast, multicast,
 * deprecated IPv4-compatible IPv6, or an IPv4-mapped IPv6 form of any of these), unless an
 * operator-allowed network contains it. Private ranges (10/8, 172.16/12, 192.168/16, fc00::/7)
 * are allowed: a company CA validates intranet hosts. The well-known metadata addresses inside
 * private or shared space (AWS {@code fd00:ec2::254}, Alibaba {@code 100.100.100.200}) are
 * refused all the same.
 *
 * <p>Unlike Boulder's IANA special-purpose list, documentation, benchmarking, 6to4 and NAT64
 * ranges are not refused: connecting there cannot reach the CA's host and fails like any
 * unreachable address.
 */
public final class AddressPolicy {

    /** A refused range and the words a problem detail uses for it. */
    private record Refused(Cidr network, String description) {
        Refused(String cidr, String description) {
            this(Cidr.parse(cidr), description);
        }
    }

    private static final List<Refused> REFUSED = List.of(
            new Refused("0.0.0.0/8", "an unspecified (\"this network\") address"),
            new Refused("127.0.0.0/8", "a loopback address"),
            new Refused("169.254.0.0/16", "a link-local address"),
            new Refused("100.100.100.200/32", "a cloud metadata address"),
            new Refused("224.0.0.0/4", "a multicast address"),
            new Refused("255.255.255.255/32", "the broadcast address"),
            new Refused("::/128", "an unspecified address"),
            new Refused("::1/128", "a loopback address"),
            new Refused("::/96", "an IPv4-compatible IPv6 address"),
            new Refused("fe80::/10", "a link-local address"),
            new Refused("fd00:ec2::254/128", "a cloud metadata address"),
            new Refused("ff00::/8", "a multicast address"));

    private final List<Cidr> allowed;

    /** Creates the policy; {@code allowed} lists the refused networks the operator opened up. */
    public AddressPolicy(List<Cidr> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /**
     * Returns why validation must not connect to the address, e.g. {@code "a loopback address"},
     * or empty when it may.
     */
    public Optional<String> refusal(InetAddress address) {
        InetAddress target = Cidr.unmapped(address);
        if (allowed.stream().anyMatch(network -> network.contains(target))) {
            return Optional.empty();
        }
        return REFUSED.stream()
                .filter(refused -> refused.network().contains(target))
                .map(Refused::description)
                .findFirst();
    }

    /** Returns true when validation may connect to the address. */
    public boolean allows(InetAddress address) {
        return refusal(address).isEmpty();
    }
}
