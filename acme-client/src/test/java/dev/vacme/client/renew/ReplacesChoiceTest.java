package dev.vacme.client.renew;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.client.store.CertificateFacts;
import dev.vacme.common.model.Identifier;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplacesChoiceTest {

    private static final URI ARI = URI.create("https://ca.test/renewal-info");
    private static final URI ACCOUNT = URI.create("https://ca.test/acct/1");

    private static CertificateFacts facts(String ariId, String renewalInfo, String account) {
        return new CertificateFacts(1, "1f", Instant.parse("2025-01-01T00:00:00Z"),
                Instant.parse("2025-04-01T00:00:00Z"), ariId, renewalInfo == null ? null : URI.create(renewalInfo),
                account == null ? null : URI.create(account));
    }

    private static List<Identifier> dns(String names) {
        return Arrays.stream(names.split(" ")).map(Identifier::dns).toList();
    }

    @ParameterizedTest(name = "[{index}] {5}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
        "aa.bb | https://ca.test/renewal-info  | https://ca.test/acct/1 | a.test b.test | b.test c.test | aa.bb | the order replaces certificate 1f",
        "aa.bb | https://ca.test/renewal-info  | none                   | a.test        | a.test        | aa.bb | the order replaces certificate 1f",
        "none  | https://ca.test/renewal-info  | https://ca.test/acct/1 | a.test        | a.test        | none  | no 'replaces': there is no previous certificate with an ARI identifier",
        "aa.bb | https://old.test/renewal-info | https://ca.test/acct/1 | a.test        | a.test        | none  | no 'replaces': certificate 1f was issued by another server",
        "aa.bb | none                          | https://ca.test/acct/1 | a.test        | a.test        | none  | no 'replaces': certificate 1f was issued by another server",
        "aa.bb | https://ca.test/renewal-info  | https://ca.test/acct/9 | a.test        | a.test        | none  | no 'replaces': certificate 1f was ordered by another account (https://ca.test/acct/9)",
        "aa.bb | https://ca.test/renewal-info  | https://ca.test/acct/1 | a.test b.test | c.test d.test | none  | no 'replaces': the new order shares no name with certificate 1f",
        "aa.bb | https://ca.test/renewal-info  | https://ca.test/acct/1 | none          | a.test        | none  | no 'replaces': the new order shares no name with certificate 1f",
    })
    void sendsReplacesOnlyWhenItCanApply(String ariId, String renewalInfo, String account, String previousNames,
            String wanted, String expected, String reason) {
        Set<Identifier> previous = previousNames == null ? Set.of()
                : dns(previousNames).stream().collect(Collectors.toSet());

        ReplacesChoice choice = ReplacesChoice.decide(facts(ariId, renewalInfo, account), previous, ACCOUNT, ARI,
                dns(wanted));

        assertThat(choice).isEqualTo(new ReplacesChoice(expected, reason));
    }

    @Test
    void noPreviousCertificateOrAServerWithoutAriMeansNoReplaces() {
        assertThat(ReplacesChoice.decide(null, Set.of(), ACCOUNT, ARI, dns("a.test")))
                .isEqualTo(new ReplacesChoice(null,
                        "no 'replaces': there is no previous certificate with an ARI identifier"));
        assertThat(ReplacesChoice.decide(facts("aa.bb", ARI.toString(), null), Set.copyOf(dns("a.test")), ACCOUNT,
                null, dns("a.test"))).isEqualTo(new ReplacesChoice(null,
                "no 'replaces': the server offers no renewal information"));
    }
}
