package dev.vacme.client.acme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.client.testing.ScriptedTransport;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcmeResponseTest {

    private static final AcmeRequest REQUEST = AcmeRequest.get(URI.create("https://ca.test/acme/order/1"));

    @ParameterizedTest(name = "[{index}] {0} rel={1}")
    @CsvSource(delimiter = '|', value = {
        "<https://ca.test/dir>;rel=\"index\"                         | index     | https://ca.test/dir",
        "</dir>; rel=index                                           | index     | https://ca.test/dir",
        "<https://ca.test/a/1>;rel=\"alternate\", <https://ca.test/a/2>;rel=\"alternate\" | alternate | https://ca.test/a/1 https://ca.test/a/2",
        "<https://ca.test/tos>;rel=\"terms-of-service\"              | index     | ''",
        "<https://ca.test/x>;title=\"t\";rel=\"up index\"            | index     | https://ca.test/x",
    })
    void readsLinkHeaders(String header, String relation, String expected) {
        AcmeResponse response = ScriptedTransport.response(REQUEST, 200, null, null, "Link", header);
        List<String> targets = response.links(relation).stream().map(URI::toString).toList();
        assertThat(targets).isEqualTo(expected.isEmpty() ? List.of() : List.of(expected.split(" ")));
    }

    @Test
    void resolvesRelativeLocationAgainstTheRequest() {
        AcmeResponse response = ScriptedTransport.response(REQUEST, 201, null, null, "Location", "/acme/order/2");
        assertThat(response.location()).contains(URI.create("https://ca.test/acme/order/2"));
    }

    @ParameterizedTest(name = "[{index}] Replay-Nonce ''{0}''")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
        "oFvnlFP1wIhRlYS2jTaXbA | oFvnlFP1wIhRlYS2jTaXbA",
        "' abc-_09 '            | abc-_09",
        "not/base64url          | none",
        "a=b                    | none",
    })
    void acceptsOnlyBase64UrlNonces(String header, String expected) {
        AcmeResponse response = ScriptedTransport.response(REQUEST, 200, null, null, "Replay-Nonce", header);
        assertThat(response.nonce().orElse(null)).isEqualTo(expected);
    }

    @Test
    void contentTypeDropsParametersAndCase() {
        AcmeResponse response = ScriptedTransport.response(REQUEST, 400, "Application/Problem+JSON; charset=utf-8",
                "{}");
        assertThat(response.contentType()).isEqualTo("application/problem+json");
    }
}
