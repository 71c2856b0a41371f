package dev.vacme.server.ca.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.model.Identifier;
import dev.vacme.common.pki.Pem;
import dev.vacme.server.ca.CaKeys;
import dev.vacme.server.ca.CaStorage;
import dev.vacme.server.ca.IssuerIds;
import dev.vacme.server.ca.Issuers;
import dev.vacme.server.ca.ListenerCertificates;
import dev.vacme.server.ca.PemSigningKeySource;
import dev.vacme.server.ca.SerialNumbers;
import dev.vacme.server.ca.SigningKeySource;
import dev.vacme.server.metrics.ServerMetrics;
import dev.vacme.server.store.IssuedCertificates;
import dev.vacme.server.store.Store;
import dev.vacme.server.store.StoreLocation;
import dev.vacme.server.store.Stores;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OCSP responder over a real SQLite store and a CA with two intermediates (an older one whose
 * certificates still live, and the active one): each answers only for what it signed.
 */
class OcspResponderTest {

    @TempDir
    Path dir;

    private Vertx vertx;
    private Store store;
    private SigningKeySource older;
    private SigningKeySource active;
    private OcspResponder responder;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        store = await(Stores.open(vertx, StoreLocation.sqlite(dir.resolve("vacme.db"))));
        older = source(dir.resolve("older"));
        active = source(dir.resolve("active"));
        Issuers issuers = new Issuers(active, List.of(active, older));
        responder = new OcspResponder(store, () -> issuers, new IssuerAttribution(() -> issuers),
                vertx.createSharedWorkerExecutor("ocsp-test", 1), Duration.ofDays(1), Clock.systemUTC(),
                ServerMetrics.NONE);
    }

    @AfterEach
    void stop() {
        await(store.close());
        await(vertx.close());
    }

    private static SigningKeySource source(Path caDir) {
        CaKeys keys = new CaStorage(caDir, Clock.systemUTC(), new SecureRandom()).loadOrCreate();
        return new PemSigningKeySource(keys, caDir.resolve("intermediate-key.pem"));
    }

    @Test
    void eachIntermediateAnswersForWhatItSignedAndUnknownForTheRest() throws Exception {
        X509Certificate ofOlder = storeLeaf(older, IssuerIds.of(older.issuer()));

        BasicOCSPResp byOlder = basic(ask(older, ofOlder.getSerialNumber(), CertificateID.HASH_SHA1), older);
        BasicOCSPResp byActive = basic(ask(active, ofOlder.getSerialNumber(), CertificateID.HASH_SHA1), active);

        assertThat(byOlder.getResponses()[0].getCertStatus()).as("good").isNull();
        assertThat(byActive.getResponses()[0].getCertStatus()).isInstanceOf(UnknownStatus.class);
    }

    @Test
    void aCertificateStoredWithoutIssuerIsAttributedByItsSignature() throws Exception {
        X509Certificate legacy = storeLeaf(older, null);

        assertThat(basic(ask(older, legacy.getSerialNumber(), CertificateID.HASH_SHA1), older)
                .getResponses()[0].getCertStatus()).isNull();
        assertThat(basic(ask(active, legacy.getSerialNumber(), CertificateID.HASH_SHA1), active)
                .getResponses()[0].getCertStatus()).isInstanceOf(UnknownStatus.class);
    }

    @Test
    void aSha256CertIdIsAnsweredWithTheSameCertId() throws Exception {
        X509Certificate leaf = storeLeaf(active, IssuerIds.of(active.issuer()));
        AlgorithmIdentifier sha256 = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256);

        BasicOCSPResp response = basic(ask(active, leaf.getSerialNumber(), sha256), active);

        assertThat(response.getResponses()[0].getCertID().getHashAlgOID()).isEqualTo(NISTObjectIdentifiers.id_sha256);
        assertThat(response.getResponses()[0].getCertStatus()).isNull();
    }

    @Test
    void theCacheAnswersWithTheSameBytesUntilRevocationsChange() throws Exception {
        X509Certificate leaf = storeLeaf(active, IssuerIds.of(active.issuer()));
        byte[] request = ask(active, leaf.getSerialNumber(), CertificateID.HASH_SHA1);
        OcspReply first = await(responder.respond(request));
        OcspReply again = await(responder.respond(request));
        await(store.revokeCertificate(SerialNumbers.toHex(leaf.getSerialNumber()), 1, Instant.now()));
        OcspReply stale = await(responder.respond(request));

        responder.revocationsChanged();
        OcspReply fresh = await(responder.respond(request));

        assertThat(first.cacheable()).isTrue();
        assertThat(again.der()).isEqualTo(first.der());
        assertThat(stale.der()).as("until told, the cache answers").isEqualTo(first.der());
        RevokedStatus revoked = (RevokedStatus) basicOf(fresh.der(), active).getResponses()[0].getCertStatus();
        assertThat(revoked.getRevocationReason()).isEqualTo(1);
    }

    @Test
    void aCertIdNamingAnotherCaIsUnauthorizedAndGarbageIsMalformed() throws Exception {
        SigningKeySource stranger = source(dir.resolve("stranger"));

        OCSPResp unauthorized = new OCSPResp(await(responder.respond(ask(stranger, BigInteger.TEN,
                CertificateID.HASH_SHA1))).der());
        OCSPResp malformed = new OCSPResp(await(responder.respond(new byte[] {0x30, 0x03, 0x02, 0x01})).der());

        assertThat(unauthorized.getStatus()).isEqualTo(OCSPResp.UNAUTHORIZED);
        assertThat(malformed.getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
    }

    private X509Certificate storeLeaf(SigningKeySource issuer, String issuerId) {
        String chain = ListenerCertificates.issue(issuer, List.of(Identifier.dns("leaf.test")), Clock.systemUTC(),
                new SecureRandom()).chainPem();
        X509Certificate leaf = Pem.readCertificate(chain);
        IssuedCertificates.store(store, SerialNumbers.toHex(leaf.getSerialNumber()), chain,
                leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant(), issuerId);
        return leaf;
    }

    private static byte[] ask(SigningKeySource issuer, BigInteger serial, AlgorithmIdentifier hash) throws Exception {
        DigestCalculator digest = new BcDigestCalculatorProvider().get(hash);
        return new OCSPReqBuilder().addRequest(new CertificateID(digest, new JcaX509CertificateHolder(issuer.issuer()),
                serial)).build().getEncoded();
    }

    private BasicOCSPResp basic(byte[] request, SigningKeySource signer) throws Exception {
        return basicOf(await(responder.respond(request)).der(), signer);
    }

    private static BasicOCSPResp basicOf(byte[] der, SigningKeySource signer) throws Exception {
        OCSPResp response = new OCSPResp(der);
        assertThat(response.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
        assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(signer.issuer().getPublicKey())))
                .as("signed by the issuing intermediate").isTrue();
        return basic;
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
