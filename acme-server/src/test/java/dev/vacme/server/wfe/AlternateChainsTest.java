package dev.vacme.server.wfe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.model.Order;
import dev.vacme.common.pki.AriCertificateId;
import dev.vacme.common.pki.KeyType;
import dev.vacme.common.pki.Pem;
import dev.vacme.server.ca.CaRotation;
import dev.vacme.server.ca.CaSetup;
import dev.vacme.server.ca.CaStorage;
import dev.vacme.server.ca.IssuerIds;
import dev.vacme.server.ca.RootSigner;
import dev.vacme.server.testing.AcmeFlow;
import dev.vacme.server.testing.AcmeTestClient;
import dev.vacme.server.testing.AcmeTestClient.Response;
import dev.vacme.server.testing.Http01Responder;
import dev.vacme.server.testing.Poll;
import dev.vacme.server.testing.TestServer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alternate chains (RFC 8555 §7.4.2) of a cross-signed intermediate, and a rotation picked up
 * while the server runs: renewal information keeps answering for the retired intermediate.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlternateChainsTest {

    @TempDir
    static Path dataDir;

    private static Http01Responder responder;
    private static TestServer server;
    private static AcmeTestClient client;
    private static X509Certificate alternateRoot;

    @BeforeAll
    static void startOnACrossSignedCa() {
        CaStorage storage = new CaStorage(CaSetup.directory(dataDir), Clock.systemUTC(), new SecureRandom());
        X509Certificate intermediate = storage.loadOrCreate().intermediate();
        CaRotation rotation = new CaRotation(storage, Clock.systemUTC(), new SecureRandom());
        RootSigner alternate = rotation.alternateRoot();
        rotation.crossSign(IssuerIds.of(intermediate), alternate);
        alternateRoot = alternate.certificate();
        responder = new Http01Responder();
        server = TestServer.start(dataDir, responder.port(), Map.of("intermediate-overlap", "0"));
        client = server.client();
    }

    @AfterAll
    static void stop() {
        server.close();
        responder.close();
    }

    private static String certificateUrl(AcmeFlow account, String name) {
        String orderUrl = account.order(name);
        account.authorize(orderUrl);
        Response finalized = account.finalizeOrder(orderUrl, name);
        assertThat(finalized.status()).as(finalized.body()).isEqualTo(200);
        return finalized.as(Order.class).certificate().toString();
    }

    @Test
    void theDefaultChainLinksTheAlternateWhichEndsAtTheAlternateRoot() {
        AcmeFlow account = new AcmeFlow(client, responder, KeyType.EC_P256.generate()).register();
        String url = certificateUrl(account, "alternate.test");

        Response standard = account.post(url, null);
        Response alternate = account.post(url + "/1", null);

        assertThat(standard.headerValues("Link")).contains("<" + url + "/1>;rel=\"alternate\"");
        assertThat(alternate.status()).isEqualTo(200);
        assertThat(alternate.header("Content-Type")).isEqualTo("application/pem-certificate-chain");
        assertThat(alternate.headerValues("Link")).contains("<" + url + ">;rel=\"alternate\"")
                .noneMatch(link -> link.startsWith("<" + url + "/1>"));
        List<X509Certificate> standardChain = Pem.readCertificates(standard.body());
        List<X509Certificate> alternateChain = Pem.readCertificates(alternate.body());
        assertThat(alternateChain).hasSize(2);
        assertThat(alternateChain.get(0)).as("the same leaf").isEqualTo(standardChain.get(0));
        assertThat(standardChain.get(1).getIssuerX500Principal()).isEqualTo(server.root().getSubjectX500Principal());
        assertThat(alternateChain.get(1).getIssuerX500Principal()).isEqualTo(alternateRoot.getSubjectX500Principal());
    }

    @Test
    void chainNumbersBeyondTheAlternatesAreNotFound() {
        AcmeFlow account = new AcmeFlow(client, responder, KeyType.EC_P256.generate()).register();
        String url = certificateUrl(account, "missing.test");

        for (String suffix : List.of("/2", "/0", "/x", "/01")) {
            Response missing = account.post(url + suffix, null);
            assertThat(missing.status()).as(suffix).isEqualTo(404);
            assertThat(missing.problem().type()).isEqualTo("urn:ietf:params:acme:error:malformed");
        }
    }

    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE) // it moves issuance to an intermediate without alternate chains
    void aRotationWhileRunningIssuesFromTheNewIntermediateAndAnswersForBoth() {
        AcmeFlow account = new AcmeFlow(client, responder, KeyType.EC_P256.generate()).register();
        X509Certificate before = Pem.readCertificate(account.issue("before.test"));
        CaStorage storage = new CaStorage(CaSetup.directory(dataDir), Clock.systemUTC(), new SecureRandom());
        CaRotation rotation = new CaRotation(storage, Clock.systemUTC(), new SecureRandom());
        String newId = rotation.rotateIntermediate(rotation.ownRoot()).id();

        server.hangUp();
        X509Certificate after = Poll.until(() -> Pem.readCertificate(account.issue("after.test")),
                leaf -> !leaf.getIssuerX500Principal().equals(before.getIssuerX500Principal()), Duration.ofSeconds(20));

        assertThat(IssuerIds.of(rotation.hierarchy().intermediate(newId).orElseThrow().certificate()))
                .isEqualTo(newId);
        for (X509Certificate leaf : List.of(before, after)) {
            Response info = client.get(client.directory().renewalInfo() + "/" + AriCertificateId.of(leaf));
            assertThat(info.status()).as(info.body()).isEqualTo(200);
        }
        String url = certificateUrl(account, "nocross.test");
        assertThat(account.post(url, null).headerValues("Link")).as("the new intermediate is not cross-signed")
                .noneMatch(link -> link.contains("rel=\"alternate\""));
    }
}
