package dev.vacme.server.va;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.pki.IpAddresses;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressPolicyTest {

    private static final AddressPolicy DEFAULT = new AddressPolicy(List.of());

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', nullValues = "ALLOWED", textBlock = """
            127.0.0.1          | a loopback address
            127.1.2.3          | a loopback address
            0.0.0.0            | an unspecified ("this network") address
            0.1.2.3            | an unspecified ("this network") address
            169.254.169.254    | a link-local address
            169.254.0.1        | a link-local address
            224.0.0.1          | a multicast address
            239.255.255.250    | a multicast address
            255.255.255.255    | the broadcast address
            100.100.100.200    | a cloud metadata address
            ::                 | an unspecified address
            ::1                | a loopback address
            ::7f00:1           | an IPv4-compatible IPv6 address
            fe80::1            | a link-local address
            febf::1            | a link-local address
            ff02::1            | a multicast address
            fd00:ec2::254      | a cloud metadata address
            ::ffff:127.0.0.1   | a loopback address
            ::ffff:169.254.169.254 | a link-local address
            10.0.0.1           | ALLOWED
            172.16.5.4         | ALLOWED
            192.168.1.1        | ALLOWED
            100.64.0.1         | ALLOWED
            fd12:3456::1       | ALLOWED
            fc00::1            | ALLOWED
            fec0::1            | ALLOWED
            93.184.216.34      | ALLOWED
            2606:4700::1111    | ALLOWED
            128.0.0.1          | ALLOWED
            223.255.255.255    | ALLOWED
            ::ffff:10.0.0.1    | ALLOWED
            """)
    void defaultPolicy(String address, String refusal) {
        assertThat(DEFAULT.refusal(IpAddresses.parse(address).orElseThrow())).isEqualTo(java.util.Optional.ofNullable(refusal));
    }

    @ParameterizedTest(name = "allowed {0}, {1}: {2}")
    @CsvSource(delimiter = '|', nullValues = "ALLOWED", textBlock = """
            127.0.0.0/8         | 127.0.0.1       | ALLOWED
            127.0.0.0/8         | 127.9.9.9       | ALLOWED
            127.0.0.0/8         | ::1             | a loopback address
            127.0.0.0/8         | ::ffff:127.0.0.1 | ALLOWED
            127.0.0.0/8         | 169.254.169.254 | a link-local address
            127.0.0.1           | 127.0.0.2       | a loopback address
            ::1                 | ::1             | ALLOWED
            ::1                 | 127.0.0.1       | a loopback address
            169.254.169.254/32  | 169.254.169.254 | ALLOWED
            169.254.169.254/32  | 169.254.169.253 | a link-local address
            fe80::/10           | fe80::1         | ALLOWED
            0.0.0.0/0           | 224.0.0.1       | ALLOWED
            """)
    void allowedNetworks(String allowed, String address, String refusal) {
        AddressPolicy policy = new AddressPolicy(List.of(Cidr.parse(allowed)));
        InetAddress target = IpAddresses.parse(address).orElseThrow();
        assertThat(policy.refusal(target)).isEqualTo(java.util.Optional.ofNullable(refusal));
        assertThat(policy.allows(target)).isEqualTo(refusal == null);
    }

    @Test
    void anIpv4MappedAddressKeptAsIpv6IsJudgedByItsIpv4Address() throws Exception {
        byte[] mapped = new byte[16];
        Arrays.fill(mapped, 10, 12, (byte) 0xff);
        mapped[12] = (byte) 169;
        mapped[13] = (byte) 254;
        mapped[14] = (byte) 169;
        mapped[15] = (byte) 254;
        InetAddress address = Inet6Address.getByAddress(null, mapped, null);
        assertThat(address).isInstanceOf(Inet6Address.class);
        assertThat(DEFAULT.refusal(address)).contains("a link-local address");
    }
}
