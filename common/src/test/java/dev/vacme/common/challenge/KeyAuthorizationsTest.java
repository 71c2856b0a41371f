package dev.vacme.common.challenge;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import dev.vacme.common.jws.Jwks;
import java.util.HexFormat;
import java.util.Map;
import org.bouncycastle.asn1.ASN1OctetString;
import org.junit.jupiter.api.Test;

class KeyAuthorizationsTest {

    /** The token of the RFC 8555 §8.3 example. */
    private static final String TOKEN = "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA";
    /** SHA-256 of TOKEN + "." + the RFC 7638 thumbprint, computed independently with Python's hashlib. */
    private static final String DIGEST_HEX = "653471d42925d7eb4cd39a39cda8b34d3034c94cb90067ab78c8123560ba2e5f";

    private static JWK rfc7638Key() throws Exception {
        return Jwks.parse(Map.of("kty", "RSA", "e", "AQAB",
                "n", "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKR"
                        + "XjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQ"
                        + "MicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2"
                        + "NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"));
    }

    @Test
    void keyAuthorizationIsTokenDotThumbprint() throws Exception {
        assertThat(KeyAuthorizations.keyAuthorization(TOKEN, rfc7638Key()))
                .isEqualTo(TOKEN + ".NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
    }

    @Test
    void dns01ValueIsTheBase64UrlDigestOfTheKeyAuthorization() throws Exception {
        String keyAuthorization = KeyAuthorizations.keyAuthorization(TOKEN, rfc7638Key());

        assertThat(KeyAuthorizations.dns01TxtValue(keyAuthorization))
                .isEqualTo("ZTRx1Ckl1-tM05o5zaizTTA0yUy5AGereMgSNWC6Ll8");
    }

    @Test
    void tlsAlpn01ExtensionIsAnOctetStringOfTheDigest() throws Exception {
        String keyAuthorization = KeyAuthorizations.keyAuthorization(TOKEN, rfc7638Key());

        byte[] value = KeyAuthorizations.tlsAlpn01ExtensionValue(keyAuthorization);

        assertThat(HexFormat.of().formatHex(value)).isEqualTo("0420" + DIGEST_HEX);
        assertThat(ASN1OctetString.getInstance(value).getOctets()).isEqualTo(HexFormat.of().parseHex(DIGEST_HEX));
        assertThat(KeyAuthorizations.ACME_IDENTIFIER_OID.getId()).isEqualTo("1.3.6.1.5.5.7.1.31");
    }
}
