package dev.vacme.server.va;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vacme.common.model.Identifier;
import dev.vacme.common.model.IdentifierType;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpTargetTest {

    private static final Set<Integer> PORTS = Set.of(80, 443, 5002);
    private static final HttpTarget FROM = HttpTarget.challenge(Identifier.dns("a.test"), "tok", 5002);

    @ParameterizedTest(name = "{0} {1} port {2}")
    @CsvSource(delimiter = '|', textBlock = """
            dns | a.test        | 80   | http://a.test/.well-known/acme-challenge/T         | a.test
            dns | A.Test.       | 5002 | http://a.test:5002/.well-known/acme-challenge/T    | a.test:5002
            ip  | 127.0.0.1     | 80   | http://127.0.0.1/.well-known/acme-challenge/T      | 127.0.0.1
            ip  | ::1           | 5002 | http://[::1]:5002/.well-known/acme-challenge/T     | [::1]:5002
            ip  | 2001:db8:0:0:0:0:0:1 | 80 | http://[2001:db8::1]/.well-known/acme-challenge/T | [2001:db8::1]
            """)
    void challengeUrl(String type, String value, int port, String url, String authority) {
        Identifier identifier = new Identifier(IdentifierType.parse(type), value);
        HttpTarget target = HttpTarget.challenge(identifier, "T", port);
        assertThat(target.url()).isEqualTo(url);
        assertThat(target.authority()).isEqualTo(authority);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            dns | a.test    | not/base64url
            dns | a.test    | ''
            dns | a..test   | T
            dns | ''        | T
            ip  | a.test    | T
            """)
    void challengeRejectsWhatTheServerShouldNeverAsk(String type, String value, String token) {
        Identifier identifier = new Identifier(IdentifierType.parse(type), value);
        assertThatThrownBy(() -> HttpTarget.challenge(identifier, token, 80)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            /other                               | http://a.test:5002/other
            other?x=1#frag                       | http://a.test:5002/.well-known/acme-challenge/other?x=1
            http://B.test/x                      | http://b.test/x
            https://b.test/x                     | https://b.test/x
            https://b.test:5002                  | https://b.test:5002/
            HTTP://b.test:443/                   | http://b.test:443/
            //c.test:80/y                        | http://c.test/y
            http://10.0.0.1/z                    | http://10.0.0.1/z
            http://[::1]:5002/z                  | http://[::1]:5002/z
            ' http://b.test/spaces-trimmed '     | http://b.test/spaces-trimmed
            """)
    void followsRedirect(String location, String url) {
        assertThat(FROM.redirect(location, PORTS).url()).isEqualTo(url);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            ftp://b.test/x             | only http and https redirects are followed
            file:///etc/passwd         | only http and https redirects are followed
            javascript:alert(1)        | only http and https redirects are followed
            http://b.test:8080/x       | only ports 80, 443 and 5002 are followed
            https://b.test:8443/x      | only ports 80, 443 and 5002 are followed
            http://user:pw@b.test/x    | it contains user information
            http://[fe80::1%25eth0]/x  | its IPv6 address is not valid (zones are not allowed)
            http:///x                  | it has no valid host name
            http://b_c.test/x          | it has no valid host name
            'http://b.test/a b'        | it is not a valid URL
            """)
    void refusesRedirect(String location, String why) {
        assertThatThrownBy(() -> FROM.redirect(location, PORTS))
                .isInstanceOfSatisfying(AcmeProblemException.class, e -> {
                    assertThat(e.problem().kind()).isEqualTo(ProblemType.CONNECTION);
                    assertThat(e.problem().detail()).isEqualTo("Redirect from http://a.test:5002/.well-known/acme-challenge/tok to "
                            + ResponseText.quote(location, 100) + " refused: " + why);
                });
    }

    @Test
    void portListWhenTheHttp01PortIsTheDefault() {
        assertThatThrownBy(() -> FROM.redirect("http://b.test:81/", Set.of(80, 443)))
                .isInstanceOfSatisfying(AcmeProblemException.class,
                        e -> assertThat(e.problem().detail()).endsWith("refused: only ports 80 and 443 are followed"));
    }
}
