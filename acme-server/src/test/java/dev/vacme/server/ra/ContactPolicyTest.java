package dev.vacme.server.ra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vacme.server.AcmeProblemException;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContactPolicyTest {

    @Test
    void acceptsMailtoAddresses() {
        List<String> contacts = List.of("mailto:admin@example.com", "mailto:first.last+acme@sub.example.org");

        assertThat(ContactPolicy.check(contacts)).isEqualTo(contacts);
        assertThat(ContactPolicy.check(null)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "tel:+15551234567                     | unsupportedContact | only mailto: URLs are accepted",
        "https://example.com/                 | unsupportedContact | only mailto: URLs are accepted",
        "mailto:admin@example.com?subject=hi  | invalidContact     | must not have header fields",
        "mailto:a@example.com,b@example.com   | invalidContact     | must hold exactly one address",
        "mailto:admin                         | invalidContact     | is not a valid email address",
        "mailto:admin@localhost               | invalidContact     | is not a valid email address",
        "mailto:@example.com                  | invalidContact     | is not a valid email address",
        "mailto:a b@example.com               | invalidContact     | is not a valid email address",
    })
    void rejects(String contact, String type, String detail) {
        assertThatThrownBy(() -> ContactPolicy.check(List.of(contact)))
                .isInstanceOfSatisfying(AcmeProblemException.class, e -> {
                    assertThat(e.problem().type()).isEqualTo("urn:ietf:params:acme:error:" + type);
                    assertThat(e.problem().status()).isEqualTo(400);
                    assertThat(e.problem().detail()).contains("'" + contact + "'").contains(detail);
                });
    }

    @Test
    void limitsTheNumberOfContacts() {
        assertThatThrownBy(() -> ContactPolicy.check(Collections.nCopies(11, "mailto:a@example.com")))
                .isInstanceOf(AcmeProblemException.class).hasMessageContaining("at most 10 contacts");
    }
}
