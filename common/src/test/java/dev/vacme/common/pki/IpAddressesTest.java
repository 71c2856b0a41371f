package dev.vacme.common.pki;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "0.0.0.0", "255.255.255.255", "::1", "2001:db8::1", "::ffff:192.0.2.1"})
    void literals(String text) {
        assertThat(IpAddresses.isLiteral(text)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, 127.0.0.1",
        "::1, ::1",
        "0:0:0:0:0:0:0:0, ::",
        "2001:DB8:0:0:0:0:0:1, 2001:db8::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:0db8:0000:0000:0000:ff00:0042:8329, 2001:db8::ff00:42:8329",
        "fe80:0:0:0:0:0:0:0, fe80::"
    })
    void canonicalTextFollowsRfc5952(String input, String canonical) {
        assertThat(IpAddresses.canonical(IpAddresses.parse(input).orElseThrow())).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "a.test", "256.1.1.1", "1.2.3", "01.2.3.4", "[::1]", "fe80::1%eth0",
        "1.2.3.4.5", "::g"})
    void notLiterals(String text) {
        assertThat(IpAddresses.isLiteral(text)).isFalse();
    }
}
