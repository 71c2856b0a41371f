package dev.vacme.common.jws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vacme.common.pki.KeyType;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointUtil;
import org.bouncycastle.math.ec.WNafUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A key prepared for repeated use verifies exactly as an unprepared one, on BouncyCastle's fixed-point path. */
class VerificationKeyTest {

    private static final String URL = "https://acme.test/acme/new-order";
    private static final byte[] PAYLOAD = "{\"identifiers\":[]}".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest(name = "[{index}] {0}")
    @EnumSource(value = KeyType.class, names = {"EC_P256", "EC_P384", "ED25519", "RSA_2048"})
    void aPreparedKeyAcceptsItsSignaturesAndRefusesOthers(KeyType type) throws Exception {
        KeyPair keys = type.generate();
        VerificationKey prepared = VerificationKey.forRepeatedUse(Jwks.fromPublicKey(keys.getPublic()));
        for (int i = 0; i < 8; i++) {
            FlattenedJws.parse(JwsSigner.signWithKid(keys, "k", "n" + i, URL, PAYLOAD).toJsonNode()).verify(prepared);
        }
        FlattenedJws foreign = FlattenedJws.parse(JwsSigner.signWithKid(type.generate(), "k", "n", URL, PAYLOAD)
                .toJsonNode());

        assertThatThrownBy(() -> foreign.verify(prepared)).isInstanceOf(JwsException.class)
                .hasMessage("the JWS signature does not verify");
    }

    @Test
    void anEcKeyPreparedForRepeatedUseIsOnTheFixedPointPathFromItsFirstVerification() throws Exception {
        VerificationKey prepared = VerificationKey.forRepeatedUse(
                Jwks.fromPublicKey(KeyType.EC_P256.generate().getPublic()));
        ECPoint q = ((ECPublicKeyParameters) prepared.lightweight().orElseThrow()).getQ();

        assertThat(WNafUtil.getWNafPreCompInfo(q).isPromoted()).isTrue();
        assertThat(FixedPointUtil.getFixedPointPreCompInfo(q.getCurve().getPreCompInfo(q,
                FixedPointUtil.PRECOMP_NAME)).getLookupTable()).isNotNull();
    }

    @Test
    void aKeyForOneSignatureIsLeftUnprepared() throws Exception {
        VerificationKey once = VerificationKey.of(Jwks.fromPublicKey(KeyType.EC_P256.generate().getPublic()));
        ECPoint q = ((ECPublicKeyParameters) once.lightweight().orElseThrow()).getQ();

        assertThat(WNafUtil.getWNafPreCompInfo(q)).isNull();
    }
}
