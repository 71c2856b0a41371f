package dev.vacme.common.problem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.json.AcmeJson;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ProblemTypeTest {

    /** Every type RFC 8555 §6.7 registers, plus the two later documents add. */
    private static final List<String> REGISTERED = List.of(
            "accountDoesNotExist", "alreadyRevoked", "badCSR", "badNonce", "badPublicKey", "badRevocationReason",
            "badSignatureAlgorithm", "caa", "compound", "connection", "dns", "externalAccountRequired",
            "incorrectResponse", "invalidContact", "malformed", "orderNotReady", "rateLimited",
            "rejectedIdentifier", "serverInternal", "tls", "unauthorized", "unsupportedContact",
            "unsupportedIdentifier", "userActionRequired", "invalidProfile", "alreadyReplaced");

    @Test
    void theCatalogueHoldsEveryRegisteredType() {
        List<String> codes = Arrays.stream(ProblemType.values())
                .filter(t -> t != ProblemType.UNKNOWN).map(ProblemType::code).toList();

        assertThat(codes).containsExactlyInAnyOrderElementsOf(REGISTERED);
    }

    @ParameterizedTest
    @EnumSource(value = ProblemType.class, names = "UNKNOWN", mode = EnumSource.Mode.EXCLUDE)
    void everyTypeRoundTripsThroughItsUrn(ProblemType type) {
        assertThat(type.urn()).isEqualTo("urn:ietf:params:acme:error:" + type.code());
        assertThat(ProblemType.fromUrn(type.urn())).isEqualTo(type);
    }

    @ParameterizedTest
    @CsvSource({
        "BAD_NONCE, 400", "MALFORMED, 400", "UNAUTHORIZED, 403", "ORDER_NOT_READY, 403",
        "RATE_LIMITED, 429", "SERVER_INTERNAL, 500", "ALREADY_REPLACED, 409", "ACCOUNT_DOES_NOT_EXIST, 400"
    })
    void defaultStatuses(ProblemType type, int status) {
        assertThat(type.defaultStatus()).isEqualTo(status);
        assertThat(Problem.of(type, "x").status()).isEqualTo(status);
    }

    @Test
    void unknownUrnsAreUnknown() {
        assertThat(ProblemType.fromUrn("urn:ietf:params:acme:error:notInTheRfc")).isEqualTo(ProblemType.UNKNOWN);
        assertThat(ProblemType.fromUrn("about:blank")).isEqualTo(ProblemType.UNKNOWN);
        assertThat(ProblemType.fromUrn(null)).isEqualTo(ProblemType.UNKNOWN);
    }

    @Test
    void writesTheFullProblemDocument() {
        Problem problem = Problem.of(ProblemType.BAD_SIGNATURE_ALGORITHM, "alg HS256 is not supported")
                .withAlgorithms(List.of("ES256", "RS256"));

        assertThat(AcmeJson.write(problem)).isEqualTo("{\"type\":\"urn:ietf:params:acme:error:badSignatureAlgorithm\","
                + "\"status\":400,\"detail\":\"alg HS256 is not supported\",\"algorithms\":[\"ES256\",\"RS256\"]}");
    }
}
