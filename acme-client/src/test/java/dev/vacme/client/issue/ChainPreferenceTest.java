package dev.vacme.client.issue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.client.acme.AcmeProtocolException;
import dev.vacme.client.testing.TestPki;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** certbot's --preferred-chain among the chains of RFC 8555 §7.4.2. */
class ChainPreferenceTest {

    private static final X509Certificate LEAF = TestPki.named("a.test", "Int A");
    /** The default chain: leaf, Int A issued by Root A. */
    private static final IssuedChain DEFAULT = new IssuedChain(List.of(LEAF, TestPki.named("Int A", "Root A")));
    /** An alternate ending in Int B, issued by Root B. */
    private static final IssuedChain VIA_B = new IssuedChain(List.of(LEAF, TestPki.named("Int B", "Root B")));
    /** An alternate ending in Root B cross-signed by Root C. */
    private static final IssuedChain VIA_C = new IssuedChain(List.of(LEAF, TestPki.named("Int B", "Root B"),
            TestPki.named("Root B", "Root C")));
    private static final URI B = URI.create("https://ca.test/cert/1/1");
    private static final URI C = URI.create("https://ca.test/cert/1/2");

    private final List<String> log = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    @ParameterizedTest(name = "--preferred-chain \"{0}\" keeps the {1} chain")
    @CsvSource(delimiter = '|', textBlock = """
            Root A  | default
            Int A   | default
            Root B  | B
            Int B   | B
            Root C  | C
            Root X  | default
            root b  | default
            a.test  | default
            """)
    void theFirstChainWhoseTopIssuerOrTopCertificateHasTheNameIsChosen(String name, String expected) {
        IssuedChain chosen = choose(name, List.of(B, C), download());

        assertThat(chosen).isEqualTo(Map.of("default", DEFAULT, "B", VIA_B, "C", VIA_C).get(expected));
    }

    @Test
    void aDefaultChainThatMatchesIsKeptWithoutFetchingAlternates() {
        List<URI> fetched = new ArrayList<>();
        Function<URI, IssuedChain> recording = url -> {
            fetched.add(url);
            return download().apply(url);
        };

        assertThat(choose("Root A", List.of(B, C), recording))
                .isEqualTo(DEFAULT);
        assertThat(fetched).isEmpty();
    }

    @Test
    void anAlternateThatCannotBeFetchedIsSkippedWithAWarning() {
        Function<URI, IssuedChain> failingB = url -> {
            if (url.equals(B)) {
                throw new AcmeProtocolException("HTTP 500 from POST " + url);
            }
            return download().apply(url);
        };

        assertThat(choose("Root B", List.of(B, C), failingB))
                .as("Root B's own chain failed; the cross-signed one ends in Root B's certificate")
                .isEqualTo(VIA_C);
        assertThat(choose("Int B", List.of(B), failingB)).isEqualTo(DEFAULT);
        assertThat(warnings).contains("cannot fetch the alternate chain at " + B
                + " (HTTP 500 from POST " + B + "); it is not considered");
        assertThat(log.get(log.size() - 1)).isEqualTo("no chain offered by the server matches the preferred chain"
                + " Int B; keeping the default chain");
    }

    @Test
    void anAlternateForAnotherCertificateIsIgnored() {
        IssuedChain other = new IssuedChain(List.of(TestPki.named("b.test", "Int B"),
                TestPki.named("Int B", "Root B")));

        assertThat(choose("Root B", List.of(B), url -> other))
                .isEqualTo(DEFAULT);
        assertThat(warnings)
                .containsExactly("the alternate chain at " + B + " is for another certificate; ignoring it");
    }

    @Test
    void withoutAlternatesTheDefaultChainStaysAndTheLogSaysWhy() {
        assertThat(choose("Root B", List.of(), download())).isEqualTo(DEFAULT);
        assertThat(log).containsExactly("no chain offered by the server matches the preferred chain Root B"
                + " (it offers no alternates); keeping the default chain");
        assertThat(warnings).isEmpty();
    }

    private IssuedChain choose(String name, List<URI> alternates, Function<URI, IssuedChain> download) {
        return new ChainPreference(name).choose(DEFAULT, alternates, download, log::add, warnings::add);
    }

    private static Function<URI, IssuedChain> download() {
        return url -> url.equals(B) ? VIA_B : VIA_C;
    }
}
