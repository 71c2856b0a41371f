package dev.vacme.server.va;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DnsServerTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1:8053   | 127.0.0.1:8053
            10.0.0.53        | 10.0.0.53:53
            [::1]:5353       | [::1]:5353
            [::1]            | [::1]:53
            ::1              | [::1]:53
            2001:db8::53     | [2001:db8::53]:53
            ' 127.0.0.1:53 ' | 127.0.0.1:53
            """)
    void parses(String text, String expected) {
        assertThat(DnsServer.parse(text)).hasToString(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                 | invalid DNS resolver "": "" is not an IP address; expected IP:PORT, [IPv6]:PORT or a bare IP address (port 53), e.g. 127.0.0.1:8053
            dns.example:53     | invalid DNS resolver "dns.example:53": "dns.example" is not an IP address; expected IP:PORT, [IPv6]:PORT or a bare IP address (port 53), e.g. 127.0.0.1:8053
            127.0.0.1:0        | invalid DNS resolver "127.0.0.1:0": the port must be a number from 1 to 65535; expected IP:PORT, [IPv6]:PORT or a bare IP address (port 53), e.g. 127.0.0.1:8053
            127.0.0.1:65536    | invalid DNS resolver "127.0.0.1:65536": the port must be a number from 1 to 65535; expected IP:PORT, [IPv6]:PORT or a bare IP address (port 53), e.g. 127.0.0.1:8053
            127.0.0.1:dns      | invalid DNS resolver "127.0.0.1:dns": the port must be a number from 1 to 65535; expected IP:PORT, [IPv6]:PORT or a bare IP address (port 53), e.g. 127.0.0.1:8053
            127.0.0.1:         | invalid DNS resolver "127.0.0.1:": the port must be a number from 1 to 65535; expected IP:PORT, [IPv6]:PORT or a bare IP address (port 53), e.g. 127.0.0.1:8053
            [::1:53            | invalid DNS resolver "[::1:53": unbalanced brackets; expected IP:PORT, [IPv6]:PORT or a bare IP address (port 53), e.g. 127.0.0.1:8053
            [::1]x53           | invalid DNS resolver "[::1]x53": unbalanced brackets; expected IP:PORT, [IPv6]:PORT or a bare IP address (port 53), e.g. 127.0.0.1:8053
            """)
    void rejects(String text, String message) {
        assertThatThrownBy(() -> DnsServer.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
