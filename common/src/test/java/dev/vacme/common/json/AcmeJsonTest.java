package dev.vacme.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vacme.common.model.Account;
import dev.vacme.common.model.AccountStatus;
import dev.vacme.common.model.AccountUpdateRequest;
import dev.vacme.common.model.Authorization;
import dev.vacme.common.model.AuthorizationStatus;
import dev.vacme.common.model.Challenge;
import dev.vacme.common.model.ChallengeStatus;
import dev.vacme.common.model.Directory;
import dev.vacme.common.model.DirectoryMeta;
import dev.vacme.common.model.FinalizeRequest;
import dev.vacme.common.model.Identifier;
import dev.vacme.common.model.IdentifierType;
import dev.vacme.common.model.KeyChangeRequest;
import dev.vacme.common.model.NewAccountRequest;
import dev.vacme.common.model.NewOrderRequest;
import dev.vacme.common.model.Order;
import dev.vacme.common.model.OrderList;
import dev.vacme.common.model.OrderStatus;
import dev.vacme.common.model.RenewalInfo;
import dev.vacme.common.model.RevocationRequest;
import dev.vacme.common.problem.Problem;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.common.testing.Resources;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AcmeJsonTest {

    @Test
    void readsTheDirectoryExampleOfRfc8555Section7_1_1() {
        Directory directory = AcmeJson.read(Resources.bytes("/rfc8555/directory.json"), Directory.class);

        assertThat(directory.newNonce()).isEqualTo(URI.create("https://example.com/acme/new-nonce"));
        assertThat(directory.keyChange()).isEqualTo(URI.create("https://example.com/acme/key-change"));
        assertThat(directory.renewalInfo()).isNull();
        assertThat(directory.meta().termsOfService()).isEqualTo(URI.create("https://example.com/acme/terms/2017-5-30"));
        assertThat(directory.meta().caaIdentities()).containsExactly("example.com");
        assertThat(directory.meta().externalAccountRequired()).isFalse();
    }

    @Test
    void readsTheAccountExampleOfRfc8555Section7_1_2() {
        Account account = AcmeJson.read(Resources.bytes("/rfc8555/account.json"), Account.class);

        assertThat(account.status()).isEqualTo(AccountStatus.VALID);
        assertThat(account.contact()).containsExactly("mailto:cert-admin@example.org", "mailto:admin@example.org");
        assertThat(account.termsOfServiceAgreed()).isTrue();
        assertThat(account.orders()).isEqualTo(URI.create("https://example.com/acme/orders/rzGoeA"));
    }

    @Test
    void readsTheOrderExampleOfRfc8555Section7_1_3() {
        Order order = AcmeJson.read(Resources.bytes("/rfc8555/order.json"), Order.class);

        assertThat(order.status()).isEqualTo(OrderStatus.VALID);
        assertThat(order.expires()).isEqualTo(Instant.parse("2016-01-20T14:09:07.990Z"));
        assertThat(order.identifiers()).containsExactly(Identifier.dns("www.example.org"), Identifier.dns("example.org"));
        assertThat(order.notAfter()).isEqualTo(Instant.parse("2016-01-08T00:00:00Z"));
        assertThat(order.authorizations()).hasSize(2);
        assertThat(order.finalizeUrl()).isEqualTo(URI.create("https://example.com/acme/order/TOlocE8rfgo/finalize"));
        assertThat(order.certificate()).isEqualTo(URI.create("https://example.com/acme/cert/mAt3xBGaobw"));
    }

    @Test
    void readsTheAuthorizationExampleOfRfc8555Section7_1_4() {
        Authorization authz = AcmeJson.read(Resources.bytes("/rfc8555/authorization.json"), Authorization.class);

        assertThat(authz.status()).isEqualTo(AuthorizationStatus.VALID);
        assertThat(authz.identifier()).isEqualTo(Identifier.dns("www.example.org"));
        assertThat(authz.wildcard()).isFalse();
        Challenge challenge = authz.challenges().get(0);
        assertThat(challenge.type()).isEqualTo(Challenge.HTTP_01);
        assertThat(challenge.status()).isEqualTo(ChallengeStatus.VALID);
        assertThat(challenge.token()).isEqualTo("DGyRejmCefe7v4NfDGDKfA");
        assertThat(challenge.validated()).isEqualTo(Instant.parse("2014-12-01T12:05:58.160Z"));
    }

    @Test
    void readsTheSubproblemExampleOfRfc8555Section6_7_1() {
        Problem problem = AcmeJson.read(Resources.bytes("/rfc8555/problem-subproblems.json"), Problem.class);

        assertThat(problem.kind()).isEqualTo(ProblemType.MALFORMED);
        assertThat(problem.subproblems()).extracting(Problem::kind)
                .containsExactly(ProblemType.MALFORMED, ProblemType.REJECTED_IDENTIFIER);
        assertThat(problem.subproblems()).extracting(Problem::identifier)
                .containsExactly(Identifier.dns("_example.org"), Identifier.dns("example.net"));
    }

    @Test
    void readsTheRenewalInfoExampleOfRfc9773Section4_2() {
        RenewalInfo info = AcmeJson.read(Resources.bytes("/rfc9773/renewal-info.json"), RenewalInfo.class);

        assertThat(info.suggestedWindow().start()).isEqualTo(Instant.parse("2025-01-02T04:00:00Z"));
        assertThat(info.suggestedWindow().end()).isEqualTo(Instant.parse("2025-01-03T04:00:00Z"));
        assertThat(info.suggestedWindow().isValid()).isTrue();
        assertThat(info.explanationURL()).isEqualTo(URI.create("https://acme.example.com/docs/ari"));
    }

    static Stream<Arguments> everyRecord() {
        Instant t = Instant.parse("2026-11-22T10:15:30Z");
        URI u = URI.create("https://acme.test/x");
        Problem sub = Problem.of(ProblemType.REJECTED_IDENTIFIER, "no").withIdentifier(Identifier.dns("b.test"));
        Map<String, String> profiles = new LinkedHashMap<>();
        profiles.put("classic", "90 days");
        profiles.put("shortlived", "6 days");
        return Stream.of(
                Arguments.of(new Directory(u, u, u, null, u, u, u,
                        new DirectoryMeta(u, u, List.of("acme.test"), true, profiles))),
                Arguments.of(new Account(AccountStatus.DEACTIVATED, List.of("mailto:a@b.test"), true, null, u)),
                Arguments.of(new Order(OrderStatus.READY, t, List.of(Identifier.dns("a.test"), Identifier.ip("::1")),
                        t, t.plusSeconds(60), null, List.of(u), u, null, "classic", "aa.bb")),
                Arguments.of(new Authorization(Identifier.dns("a.test"), AuthorizationStatus.PENDING, t,
                        List.of(new Challenge(Challenge.HTTP_01, u, ChallengeStatus.INVALID, null,
                                Problem.of(ProblemType.CONNECTION, "refused"), "tok")), true)),
                Arguments.of(new NewAccountRequest(List.of("mailto:a@b.test"), true, false, null)),
                Arguments.of(new AccountUpdateRequest(null, AccountStatus.DEACTIVATED, null)),
                Arguments.of(new NewOrderRequest(List.of(Identifier.dns("a.test")), null, null, null, "aa.bb")),
                Arguments.of(new FinalizeRequest("MIIB")),
                Arguments.of(new RevocationRequest("MIIB", 4)),
                Arguments.of(new KeyChangeRequest(u, AcmeJson.readTree("{\"kty\":\"EC\"}".getBytes()))),
                Arguments.of(new OrderList(List.of(u, u))),
                Arguments.of(new RenewalInfo(new RenewalInfo.SuggestedWindow(t, t.plusSeconds(3600)), u)),
                Arguments.of(Problem.of(ProblemType.MALFORMED, "bad").withSubproblems(List.of(sub))),
                Arguments.of(Problem.of(ProblemType.BAD_SIGNATURE_ALGORITHM, "alg").withAlgorithms(List.of("ES256"))));
    }

    @ParameterizedTest
    @MethodSource("everyRecord")
    void everyRecordSurvivesARoundTrip(Object value) {
        String json = AcmeJson.write(value);

        assertThat(AcmeJson.read(json, value.getClass())).isEqualTo(value);
    }

    @Test
    void omitsNullsAndWritesRfc3339Timestamps() {
        Order order = new Order(OrderStatus.PENDING, Instant.parse("2026-11-22T10:15:30Z"),
                List.of(Identifier.dns("a.test")), null, null, null, List.of(), URI.create("https://acme.test/f"),
                null, null, null);

        JsonNode tree = AcmeJson.readTree(AcmeJson.writeBytes(order));

        assertThat(tree.get("expires").asText()).isEqualTo("2026-11-22T10:15:30Z");
        assertThat(tree.get("finalize").asText()).isEqualTo("https://acme.test/f");
        assertThat(tree.has("certificate")).isFalse();
        assertThat(tree.has("error")).isFalse();
        assertThat(tree.get("identifiers").get(0).get("type").asText()).isEqualTo("dns");
    }

    @Test
    void acceptsRfc3339OffsetsAndFractions() {
        RenewalInfo info = AcmeJson.read("{\"suggestedWindow\":{\"start\":\"2025-01-02T05:00:00+01:00\","
                + "\"end\":\"2025-01-03T04:00:00.5Z\"}}", RenewalInfo.class);

        assertThat(info.suggestedWindow().start()).isEqualTo(Instant.parse("2025-01-02T04:00:00Z"));
        assertThat(info.suggestedWindow().end()).isEqualTo(Instant.parse("2025-01-03T04:00:00.500Z"));
    }

    @Test
    void ignoresUnknownFieldsAndMapsUnknownEnumValuesToUnknown() {
        Order order = AcmeJson.read("{\"status\":\"archived\",\"star\":{\"x\":1},"
                + "\"identifiers\":[{\"type\":\"email\",\"value\":\"a@b\"}]}", Order.class);

        assertThat(order.status()).isEqualTo(OrderStatus.UNKNOWN);
        assertThat(order.identifiers().get(0).type()).isEqualTo(IdentifierType.UNKNOWN);
    }

    @Test
    void keepsUnknownProblemTypesAsTheirUrn() {
        Problem problem = AcmeJson.read("{\"type\":\"urn:example:custom\",\"status\":418}", Problem.class);

        assertThat(problem.kind()).isEqualTo(ProblemType.UNKNOWN);
        assertThat(problem.type()).isEqualTo("urn:example:custom");
        assertThat(AcmeJson.write(problem)).isEqualTo("{\"type\":\"urn:example:custom\",\"status\":418}");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("not json", "invalid NewOrderRequest"),
                Arguments.of("{\"identifiers\":\"a.test\"}", "field 'identifiers'"),
                Arguments.of("{\"identifiers\":[{\"type\":\"dns\",\"value\":7}]}", "field 'identifiers[0].value'"),
                Arguments.of("{\"identifiers\":[],\"notBefore\":\"yesterday\"}", "field 'notBefore'"),
                Arguments.of("{\"identifiers\":[]} trailing", "invalid NewOrderRequest"),
                Arguments.of("null", "got null"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void rejectsMalformedInputNamingTheField(String json, String message) {
        assertThatThrownBy(() -> AcmeJson.read(json, NewOrderRequest.class))
                .isInstanceOf(AcmeJsonException.class)
                .hasMessageContaining(message);
    }

    @Test
    void messagesNeverNameJavaClassesOrTokens() {
        for (String json : List.of("{\"identifiers\":[null]}", "{\"identifiers\":{}}", "[1,2]", "{\"identifiers\":")) {
            assertThatThrownBy(() -> AcmeJson.read(json, NewOrderRequest.class))
                    .isInstanceOf(AcmeJsonException.class)
                    .message().doesNotContain("dev.vacme").doesNotContain("java.").doesNotContain("Token")
                    .startsWith("invalid NewOrderRequest: ");
        }
    }

    @Test
    void aRenewalWindowIsWrittenWithStartAndEndOnly() {
        RenewalInfo info = new RenewalInfo(new RenewalInfo.SuggestedWindow(Instant.parse("2025-01-02T04:00:00Z"),
                Instant.parse("2025-01-03T04:00:00Z")), null);

        assertThat(AcmeJson.write(info)).isEqualTo(
                "{\"suggestedWindow\":{\"start\":\"2025-01-02T04:00:00Z\",\"end\":\"2025-01-03T04:00:00Z\"}}");
    }

    @Test
    void doesNotCoerceStringsToBooleans() {
        assertThatThrownBy(() -> AcmeJson.read("{\"termsOfServiceAgreed\":\"yes\"}", NewAccountRequest.class))
                .isInstanceOf(AcmeJsonException.class)
                .hasMessageContaining("termsOfServiceAgreed");
    }
}
