package dev.vacme.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** A run builds the picocli model of its own verb only, whenever that cannot change the parse. */
class VerbSelectionTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "renew -q                                  | RenewCommand",
        "-q --config-dir /etc/x renew              | RenewCommand",
        "certonly --standalone -d a.test -n        | CertonlyCommand",
        "certificates --cert-name a.test           | CertificatesCommand",
    })
    void buildsOnlyTheVerbTheArgumentsName(String args, String verb) {
        assertThat(VacmeCli.verbsFor(args.split(" "))).extracting(Class::getSimpleName).containsExactly(verb);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "--help",
        "--version --help",
        "renw",
        "certonly -d renew",
        "delete --cert-name revoke",
    })
    void buildsEveryVerbWhenTheArgumentsNameNoneOrSeveral(String args) {
        assertThat(VacmeCli.verbsFor(args.split(" "))).isEqualTo(VacmeCommand.VERBS);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({"--version", "-V", "-V --version"})
    void buildsNoVerbForTheVersionAlone(String args) {
        assertThat(VacmeCli.verbsFor(args.split(" "))).isEmpty();
    }

    @Test
    void theVersionAloneIsPrintedWithoutAnyVerb() {
        CommandLine commandLine = VacmeCli.commandLine(new VacmeCommand(null), "--version");
        StringWriter out = new StringWriter();
        commandLine.setOut(new PrintWriter(out));

        int exitCode = commandLine.execute("--version");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).startsWith("vacme ");
    }

    @Test
    void eachVerbIsListedUnderTheNameItsCommandGivesIt() {
        for (VacmeCommand.Verb verb : VacmeCommand.VERB_TABLE) {
            assertThat(verb.type().getAnnotation(CommandLine.Command.class).name()).isEqualTo(verb.name());
        }
        assertThat(VacmeCommand.VERBS).containsExactlyElementsOf(
                VacmeCommand.VERB_TABLE.stream().map(VacmeCommand.Verb::type).toList());
    }

    @Test
    void buildsEveryVerbWithoutArguments() {
        assertThat(VacmeCli.verbsFor()).isEqualTo(VacmeCommand.VERBS);
    }

    @Test
    void theOverallHelpStillListsEveryVerb() {
        String help = VacmeCli.commandLine(new VacmeCommand(null), "--help").getUsageMessage();

        assertThat(help).contains(List.of("register", "show-account", "update-account", "unregister", "certonly",
                "run", "install", "verify", "reconfigure", "renew", "certificates", "revoke", "delete"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "certonly --standalone -d a.test -n | true",
        "-q run --nginx -d a.test           | true",
        "register --agree-tos -m a@b.test   | true",
        "revoke --cert-name a.test          | true",
        "renew -q                           | false",
        "certificates                       | false",
        "--version                          | false",
        "certonly -d renew                  | false",
    })
    void warmsUpOnlyForAVerbThatTalksToTheServerAtOnce(String args, boolean warms) {
        assertThat(VacmeCommand.talksToServerAtOnce(args.split(" "))).isEqualTo(warms);
    }

    @Test
    void noArgumentsWarmNothing() {
        assertThat(VacmeCommand.talksToServerAtOnce()).isFalse();
    }
}
