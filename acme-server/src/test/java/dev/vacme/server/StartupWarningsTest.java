package dev.vacme.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.server.config.ConfigLoader;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StartupWarningsTest {

    @ParameterizedTest(name = "[{index}] --listen {0} --external-url {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "127.0.0.1:14000 | -                          | false",
        "[::1]:14000     | -                          | false",
        "localhost:14000 | -                          | false",
        "0.0.0.0:14000   | -                          | true",
        "[::]:443        | -                          | true",
        "192.0.2.10:443  | -                          | true",
        "0.0.0.0:14000   | https://acme.example.com   | false",
    })
    void warnsWhenOtherMachinesWouldGetLocalhostUrls(String listen, String externalUrl, boolean warns) {
        Map<String, Object> options = new java.util.HashMap<>(Map.of("listen", listen));
        if (externalUrl != null) {
            options.put("external-url", externalUrl);
        }

        var warnings = StartupWarnings.of(ConfigLoader.load(Optional.empty(), options));

        if (warns) {
            assertThat(warnings).singleElement().asString().startsWith("listening on ")
                    .contains("without --external-url").endsWith("give --external-url https://NAME:"
                            + listen.substring(listen.lastIndexOf(':') + 1));
        } else {
            assertThat(warnings).isEmpty();
        }
    }
}
