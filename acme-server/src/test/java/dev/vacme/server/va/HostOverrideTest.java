package dev.vacme.server.va;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostOverrideTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            *.test=127.0.0.1          | *.test=127.0.0.1
            a.test=::1                | a.test=::1
            ' A.Test. = 10.0.0.1 '    | a.test=10.0.0.1
            *.Example.COM.=2001:db8::1 | *.example.com=2001:db8::1
            localhost=127.0.0.1       | localhost=127.0.0.1
            _acme.test=127.0.0.2      | _acme.test=127.0.0.2
            """)
    void parses(String text, String expected) {
        assertThat(HostOverride.parse(text)).hasToString(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                  | invalid host override "": expected NAME=ADDRESS or *.SUFFIX=ADDRESS, e.g. *.test=127.0.0.1 or a.test=::1
            a.test              | invalid host override "a.test": expected NAME=ADDRESS or *.SUFFIX=ADDRESS, e.g. *.test=127.0.0.1 or a.test=::1
            =127.0.0.1          | invalid host override "=127.0.0.1": expected NAME=ADDRESS or *.SUFFIX=ADDRESS, e.g. *.test=127.0.0.1 or a.test=::1
            a.test=             | invalid host override "a.test=": expected NAME=ADDRESS or *.SUFFIX=ADDRESS, e.g. *.test=127.0.0.1 or a.test=::1
            a.test=localhost    | invalid host override "a.test=localhost": "localhost" is not an IPv4 or IPv6 address; expected NAME=ADDRESS or *.SUFFIX=ADDRESS, e.g. *.test=127.0.0.1 or a.test=::1
            a.test=[::1]        | invalid host override "a.test=[::1]": "[::1]" is not an IPv4 or IPv6 address; expected NAME=ADDRESS or *.SUFFIX=ADDRESS, e.g. *.test=127.0.0.1 or a.test=::1
            a.test=1.2.3        | invalid host override "a.test=1.2.3": "1.2.3" is not an IPv4 or IPv6 address; expected NAME=ADDRESS or *.SUFFIX=ADDRESS, e.g. *.test=127.0.0.1 or a.test=::1
            *=127.0.0.1         | invalid host override "*=127.0.0.1": "*" is not a host name or *.SUFFIX pattern; expected NAME=ADDRESS or *.SUFFIX=ADDRESS, e.g. *.test=127.0.0.1 or a.test=::1
            a.*.test=127.0.0.1  | invalid host override "a.*.test=127.0.0.1": "a.*.test" is not a host name or *.SUFFIX pattern; expected NAME=ADDRESS or *.SUFFIX=ADDRESS, e.g. *.test=127.0.0.1 or a.test=::1
            **.test=127.0.0.1   | invalid host override "**.test=127.0.0.1": "**.test" is not a host name or *.SUFFIX pattern; expected NAME=ADDRESS or *.SUFFIX=ADDRESS, e.g. *.test=127.0.0.1 or a.test=::1
            a..test=127.0.0.1   | invalid host override "a..test=127.0.0.1": "a..test" is not a host name or *.SUFFIX pattern; expected NAME=ADDRESS or *.SUFFIX=ADDRESS, e.g. *.test=127.0.0.1 or a.test=::1
            -a.test=127.0.0.1   | invalid host override "-a.test=127.0.0.1": "-a.test" is not a host name or *.SUFFIX pattern; expected NAME=ADDRESS or *.SUFFIX=ADDRESS, e.g. *.test=127.0.0.1 or a.test=::1
            """)
    void rejects(String text, String message) {
        assertThatThrownBy(() -> HostOverride.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            *.test=127.0.0.1  | a.test          | true
            *.test=127.0.0.1  | www.a.test      | true
            *.test=127.0.0.1  | x.y.z.a.test    | true
            *.test=127.0.0.1  | A.TEST.        | true
            *.test=127.0.0.1  | test            | false
            *.test=127.0.0.1  | atest           | false
            *.test=127.0.0.1  | a.test.example  | false
            a.test=127.0.0.1  | a.test          | true
            a.test=127.0.0.1  | A.Test.         | true
            a.test=127.0.0.1  | www.a.test      | false
            a.test=127.0.0.1  | b.test          | false
            """)
    void matches(String override, String name, boolean expected) {
        assertThat(HostOverride.parse(override).matches(name)).isEqualTo(expected);
    }
}
