package dev.vacme.client.renew;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vacme.client.acme.RateLimitedException;
import dev.vacme.client.issue.Obtained;
import dev.vacme.client.testing.FakeAcme;
import dev.vacme.client.testing.IssuanceFixture;
import dev.vacme.common.problem.Problem;
import dev.vacme.common.problem.ProblemType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineageRenewerTest {

    @TempDir
    Path dir;

    private final FakeAcme acme = new FakeAcme();
    private IssuanceFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new IssuanceFixture(dir.resolve("config"), acme);
        fixture.register();
    }

    private Obtained obtain(String... domains) {
        return fixture.renewer(dir).renew("a.test", IssuanceFixture.conf(domains), null, false);
    }

    private String replacesSent(int order) {
        JsonNode payload = acme.newOrders().get(order);
        return payload.has("replaces") ? payload.get("replaces").asText() : null;
    }

    @Test
    void aRenewalByTheSameAccountAtTheSameServerCarriesReplaces() {
        Obtained first = obtain("a.test");

        fixture.renewer(dir).renew("a.test", first.conf(), first.facts(), false);

        assertThat(acme.newOrders()).hasSize(2);
        assertThat(replacesSent(0)).isNull();
        assertThat(replacesSent(1)).isEqualTo(first.facts().ariId());
        assertThat(fixture.store().readConf("a.test").certificate().account())
                .isEqualTo(URI.create("https://ca.test/acct/1"));
    }

    @Test
    void anOrderRefusedBecauseOfReplacesIsOrderedAgainWithoutIt() {
        Obtained first = obtain("a.test");
        acme.refusingOrders(payload -> payload.has("replaces")
                ? Problem.of(ProblemType.MALFORMED, "certificate is not owned by this account") : null);

        Obtained second = fixture.renewer(dir).renew("a.test", first.conf(), first.facts(), false);

        assertThat(acme.newOrders()).hasSize(3);
        assertThat(replacesSent(1)).isEqualTo(first.facts().ariId());
        assertThat(replacesSent(2)).isNull();
        assertThat(second.facts().version()).isEqualTo(2);
        assertThat(fixture.store().liveVersion("a.test")).hasValue(2);
        assertThat(fixture.warnings()).containsExactly("a.test: the server refused the order that replaces"
                + " certificate " + first.facts().serial() + " (malformed: certificate is not owned by this"
                + " account); ordering again without 'replaces'");
    }

    @Test
    void aRateLimitIsNotBlamedOnReplaces() {
        Obtained first = obtain("a.test");
        acme.refusingOrders(payload -> Problem.of(ProblemType.RATE_LIMITED, "too many"));

        assertThatThrownBy(() -> fixture.renewer(dir).renew("a.test", first.conf(), first.facts(), false))
                .isInstanceOf(RateLimitedException.class);
        assertThat(acme.newOrders()).hasSize(2);
    }

    @Test
    void afterANewRegistrationTheOldAccountsCertificateIsNotReplaced() {
        Obtained first = obtain("a.test");
        fixture.register();

        fixture.renewer(dir).renew("a.test", first.conf(), first.facts(), false);

        assertThat(acme.newOrders()).hasSize(2);
        assertThat(replacesSent(1)).isNull();
        assertThat(fixture.store().readConf("a.test").certificate().account())
                .isEqualTo(URI.create("https://ca.test/acct/2"));
    }

    @Test
    void aCertificateForOtherNamesOnlyIsNotReplaced() {
        Obtained first = obtain("a.test", "www.a.test");

        fixture.renewer(dir).renew("a.test", IssuanceFixture.conf("b.test"), first.facts(), false);

        assertThat(replacesSent(1)).isNull();
    }

    @Test
    void aCertificateOfAnotherServerIsNotReplaced() {
        Obtained first = obtain("a.test");

        fixture.renewer(dir).renew("a.test", first.conf(),
                first.facts().withRenewalInfo(URI.create("https://old-ca.test/renewal-info")), false);

        assertThat(replacesSent(1)).isNull();
    }

    @Test
    void aDryRunNeverSendsReplaces() {
        Obtained first = obtain("a.test");

        fixture.renewer(dir).renew("a.test", first.conf(), first.facts(), true);

        assertThat(replacesSent(1)).isNull();
        assertThat(fixture.store().liveVersion("a.test")).hasValue(1);
    }

    @Test
    void aFailureToRecordRenewalInformationAfterTheSwitchDoesNotFailTheRenewal() {
        Path conf = fixture.config().resolve("renewal/a.test.conf");
        acme.onRenewalInfo(() -> {
            try {
                Files.delete(conf);
                Files.createDirectories(conf.resolve("blocker"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        Obtained obtained = obtain("a.test");

        assertThat(obtained.facts().version()).isEqualTo(1);
        assertThat(fixture.store().liveVersion("a.test")).hasValue(1);
        assertThat(fixture.warnings()).singleElement().asString().startsWith("a.test: the new certificate is"
                + " installed, but its renewal information could not be recorded (cannot write " + conf);
    }
}
