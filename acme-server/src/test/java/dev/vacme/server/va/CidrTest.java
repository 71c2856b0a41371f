package dev.vacme.server.va;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vacme.common.pki.IpAddresses;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CidrTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.0/8        | 127.0.0.0/8
            127.0.0.1/8        | 127.0.0.0/8
            10.1.2.3           | 10.1.2.3/32
            0.0.0.0/0          | 0.0.0.0/0
            ' 192.168.0.0/16 ' | 192.168.0.0/16
            ::1                | ::1/128
            fe80::1/10         | fe80::/10
            FD00::/8           | fd00::/8
            ::/0               | ::/0
            2001:db8::/32      | 2001:db8::/32
            """)
    void parses(String text, String expected) {
        assertThat(Cidr.parse(text)).hasToString(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            ''              | invalid network "": "" is not an IP address; expected an IPv4 or IPv6 network such as 127.0.0.0/8 or fd00::/8, or a single address
            localhost       | invalid network "localhost": "localhost" is not an IP address; expected an IPv4 or IPv6 network such as 127.0.0.0/8 or fd00::/8, or a single address
            127.0.0.0/33    | invalid network "127.0.0.0/33": the prefix length must be a number from 0 to 32; expected an IPv4 or IPv6 network such as 127.0.0.0/8 or fd00::/8, or a single address
            ::/129          | invalid network "::/129": the prefix length must be a number from 0 to 128; expected an IPv4 or IPv6 network such as 127.0.0.0/8 or fd00::/8, or a single address
            10.0.0.0/       | invalid network "10.0.0.0/": the prefix length must be a number from 0 to 32; expected an IPv4 or IPv6 network such as 127.0.0.0/8 or fd00::/8, or a single address
            10.0.0.0/-1     | invalid network "10.0.0.0/-1": the prefix length must be a number from 0 to 32; expected an IPv4 or IPv6 network such as 127.0.0.0/8 or fd00::/8, or a single address
            10.0.0.0/8/8    | invalid network "10.0.0.0/8/8": the prefix length must be a number from 0 to 32; expected an IPv4 or IPv6 network such as 127.0.0.0/8 or fd00::/8, or a single address
            256.0.0.0/8     | invalid network "256.0.0.0/8": "256.0.0.0" is not an IP address; expected an IPv4 or IPv6 network such as 127.0.0.0/8 or fd00::/8, or a single address
            fe80::1%eth0/64 | invalid network "fe80::1%eth0/64": "fe80::1%eth0" is not an IP address; expected an IPv4 or IPv6 network such as 127.0.0.0/8 or fd00::/8, or a single address
            """)
    void rejects(String text, String message) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.0/8     | 127.0.0.1        | true
            127.0.0.0/8     | 127.255.255.255  | true
            127.0.0.0/8     | 128.0.0.1        | false
            127.0.0.0/8     | ::ffff:127.0.0.1 | true
            127.0.0.0/8     | ::1              | false
            10.0.0.5        | 10.0.0.5         | true
            10.0.0.5        | 10.0.0.6         | false
            0.0.0.0/0       | 203.0.113.7      | true
            0.0.0.0/0       | 2001:db8::1      | false
            fe80::/10       | fe80::1          | true
            fe80::/10       | febf:ffff::1     | true
            fe80::/10       | fec0::1          | false
            ::1/128         | ::1              | true
            ::1/128         | 127.0.0.1        | false
            172.16.0.0/12   | 172.31.255.255   | true
            172.16.0.0/12   | 172.32.0.0       | false
            """)
    void contains(String network, String address, boolean expected) {
        assertThat(Cidr.parse(network).contains(IpAddresses.parse(address).orElseThrow())).isEqualTo(expected);
    }
}
