package dev.vacme.server.va;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.pki.IpAddresses;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressFormatTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1                  | 127.0.0.1               | 127.0.0.1
            0:0:0:0:0:0:0:1            | ::1                     | [::1]
            0:0:0:0:0:0:0:0            | ::                      | [::]
            fe80:0:0:0:0:0:0:1         | fe80::1                 | [fe80::1]
            2001:db8:0:0:1:0:0:1       | 2001:db8::1:0:0:1       | [2001:db8::1:0:0:1]
            2001:db8:0:1:1:1:1:1       | 2001:db8:0:1:1:1:1:1    | [2001:db8:0:1:1:1:1:1]
            2001:DB8:0:0:0:0:0:0       | 2001:db8::              | [2001:db8::]
            fd00:ec2::254              | fd00:ec2::254           | [fd00:ec2::254]
            """)
    void canonicalText(String address, String text, String inUrl) {
        var parsed = IpAddresses.parse(address).orElseThrow();
        assertThat(AddressFormat.text(parsed)).isEqualTo(text);
        assertThat(AddressFormat.inUrl(parsed)).isEqualTo(inUrl);
    }
}
