package dev.vacme.server.va;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.server.va.DnsClient.CaaRecord;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The CAA property rules of RFC 8659 §4 and the parameters of RFC 8657, for a CA known as vacme.test. */
class CaaPolicyTest {

    private static final String ACCOUNT = "https://acme.vacme.test/acme/acct/abc";
    private final CaaPolicy policy = new CaaPolicy(List.of("vacme.test", "Other-Name.example"));

    @ParameterizedTest(name = "[{index}] {0} (wildcard={1}, {2})")
    @CsvSource(delimiter = '|', value = {
        // records (flags tag value, separated by ' / ')                        | wildcard | method      | permitted
        "''                                                                      | false    | http-01     | true",
        "0 iodef mailto:security@example.com                                     | false    | http-01     | true",
        "0 issue vacme.test                                                      | false    | http-01     | true",
        "0 issue VACME.test                                                      | false    | http-01     | true",
        "0 issue other-name.example                                              | false    | http-01     | true",
        "0 issue ca.example                                                      | false    | http-01     | false",
        "0 issue ca.example / 0 issue vacme.test                                 | false    | http-01     | true",
        "0 issue ;                                                               | false    | http-01     | false",
        "0 issuewild vacme.test                                                  | false    | http-01     | true",
        "0 issue ca.example / 0 issuewild vacme.test                             | true     | dns-01      | true",
        "0 issue vacme.test / 0 issuewild ;                                      | true     | dns-01      | false",
        "0 issue vacme.test                                                      | true     | dns-01      | true",
        "0 issue vacme.test; accounturi=https://acme.vacme.test/acme/acct/abc    | false    | http-01     | true",
        "0 issue vacme.test; accounturi=https://acme.vacme.test/acme/acct/other  | false    | http-01     | false",
        "0 issue vacme.test; validationmethods=dns-01,tls-alpn-01                | false    | tls-alpn-01 | true",
        "0 issue vacme.test; validationmethods=dns-01                            | false    | http-01     | false",
        "0 issue vacme.test; unknownparam=1                                      | false    | http-01     | true",
        "128 tbs whatever / 0 issue vacme.test                                   | false    | http-01     | false",
        "0 tbs whatever / 0 issue vacme.test                                     | false    | http-01     | true",
        "128 issue vacme.test                                                    | false    | http-01     | true",
    })
    void decidesWhetherTheRelevantSetPermitsIssuance(String records, boolean wildcard, String method,
            boolean permitted) {
        assertThat(policy.refusal(parse(records), wildcard, ACCOUNT, method).isEmpty()).isEqualTo(permitted);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "0 issue ca.example / 0 issue ;  | the CAA issue records permit only: ca.example; no CA (\";\") (this CA is vacme.test, other-name.example)",
        "0 issue vacme.test; accounturi=https://x.example/acct/1 | the CAA issue records permit only: vacme.test for account https://x.example/acct/1 only, not https://acme.vacme.test/acme/acct/abc (this CA is vacme.test, other-name.example)",
        "0 issue vacme.test; validationmethods=dns-01 | the CAA issue records permit only: vacme.test with validation methods dns-01 only, not http-01 (this CA is vacme.test, other-name.example)",
        "128 tbs x | a CAA record has the unknown tag \"tbs\" marked critical, which forbids issuance",
    })
    void aRefusalSaysWhatTheRecordsPermit(String records, String detail) {
        assertThat(policy.refusal(parse(records), false, ACCOUNT, "http-01")).contains(detail);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({"0 issue ca.example", "0 iodef mailto:a@b.example"})
    void withNoIdentityConfiguredOnlyASetWithoutIssueRecordsPermits(String record) {
        Optional<String> refusal = new CaaPolicy(List.of()).refusal(parse(record), false, ACCOUNT, "http-01");

        assertThat(refusal.isEmpty()).isEqualTo(record.contains("iodef"));
    }

    private static List<CaaRecord> parse(String records) {
        if (records.isBlank()) {
            return List.of();
        }
        return Arrays.stream(records.split(" / ")).map(String::strip).map(record -> {
            String[] parts = record.split(" ", 3);
            return new CaaRecord(Integer.parseInt(parts[0]), parts[1], parts[2]);
        }).toList();
    }
}
