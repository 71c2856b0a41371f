package dev.vacme.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.client.Environment;
import dev.vacme.client.acme.Sleeper;
import dev.vacme.client.acme.TransportFactory;
import java.io.BufferedReader;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobalOptionsTest {

    private static Environment environment(boolean root, String home, String xdg) {
        Map<String, String> variables = new HashMap<>();
        if (home != null) {
            variables.put("HOME", home);
        }
        if (xdg != null) {
            variables.put("XDG_CONFIG_HOME", xdg);
        }
        return new Environment(variables, root, false, Path.of("/work"), System.out, System.err,
                new BufferedReader(new StringReader("")), Clock.systemUTC(), new SecureRandom(), Sleeper.REAL,
                TransportFactory.JDK);
    }

    @ParameterizedTest(name = "[{index}] root={0} HOME={1} XDG={2} args={3}")
    @CsvSource(nullValues = "none", value = {
        "true,  /root,       none,         '',                          /etc/vacme",
        "false, /home/ann,   none,         '',                          /home/ann/.config/vacme",
        "false, /home/ann,   /home/ann/x,  '',                          /home/ann/x/vacme",
        "true,  /root,       /root/x,      '',                          /etc/vacme",
        "false, /home/ann,   none,         --config-dir=/srv/vacme,     /srv/vacme",
        "false, /home/ann,   none,         --config-dir=relative,       /work/relative",
    })
    void resolvesTheConfigDirectoryLikeCertbotAndXdg(boolean root, String home, String xdg, String args,
            String expected) {
        VacmeCommand command = new VacmeCommand(environment(root, home, xdg));
        String[] arguments = args.isEmpty() ? new String[] {"renew"} : new String[] {args, "renew"};
        VacmeCli.commandLine(command, arguments).parseArgs(arguments);

        assertThat(command.settings().configDir()).isEqualTo(Path.of(expected));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "--server https://ca.test/dir -q renew              | true  | false",
        "renew --server https://ca.test/dir -q              | true  | false",
        "-v renew --server https://ca.test/dir --json       | false | true",
        "renew -v --json --server https://ca.test/dir       | false | true",
    })
    void acceptsGlobalOptionsBeforeAndAfterTheVerb(String args, boolean quiet, boolean json) {
        VacmeCommand command = new VacmeCommand(environment(false, "/home/ann", null));
        VacmeCli.commandLine(command, args.split(" ")).parseArgs(args.split(" "));

        GlobalSettings settings = command.settings();
        assertThat(settings.server()).isEqualTo(Optional.of(URI.create("https://ca.test/dir")));
        assertThat(settings.quiet()).isEqualTo(quiet);
        assertThat(settings.json()).isEqualTo(json);
        assertThat(settings.verbose()).isEqualTo(!quiet);
    }
}
