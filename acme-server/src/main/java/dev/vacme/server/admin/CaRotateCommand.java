package dev.vacme.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vacme.common.json.AcmeJson;
import dev.vacme.server.ca.Intermediate;
import dev.vacme.server.ca.IssuerSchedule;
import java.io.PrintWriter;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vacme-server ca rotate-intermediate}: a new intermediate under the same root. */
@Command(name = "rotate-intermediate", mixinStandardHelpOptions = true,
        versionProvider = AdminCommand.Version.class,
        description = {"Make a new intermediate CA (EC P-256 key, certificate from the root key) in "
                + "<data-dir>/ca/intermediates/; for a CA on a PKCS#11 token, the key is made on the token (label "
                + "<pkcs11-intermediate-label>-ID) and the root signs there. It issues new certificates once it is older than "
                + "intermediate-overlap; the one before keeps issuing until then, and keeps answering for its "
                + "certificates until they have expired.",
            "A running server picks it up within a minute, or at once on SIGHUP."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:made", "1:the CA's files or token keys could not be read or written (e.g. a label already taken)",
            "2:bad arguments or configuration (token settings missing, wrong PIN), or no CA"})
final class CaRotateCommand extends CaCommand.CaSubcommand {

    @Option(names = "--json", description = "Print one JSON object for scripts")
    boolean json;

    @Override
    int run(CaCommand.Ca ca, PrintWriter out) {
        Intermediate made = ca.rotation().rotateIntermediate(ca.rotation().ownRoot());
        IssuerSchedule.State state = ca.schedule().states(ca.rotation().hierarchy(), Instant.now()).stream()
                .filter(candidate -> candidate.intermediate().id().equals(made.id())).findFirst().orElseThrow();
        if (json) {
            ObjectNode object = CaFacts.json(made.certificate());
            object.put("created", made.created().toString());
            object.put("activeFrom", state.activeFrom().toString());
            object.put("key", made.key().describe());
            out.println(AcmeJson.write(object));
            return AdminCommand.EXIT_OK;
        }
        out.println("Made intermediate " + made.id());
        CaFacts.print(out, "  ", made.certificate());
        out.println("  key:         " + made.key().describe());
        out.println("  issues from: " + state.activeFrom() + " (intermediate-overlap "
                + CaFacts.duration(ca.config().intermediateOverlap()) + ")");
        out.println("A running server picks it up within a minute, or at once on SIGHUP "
                + "(kill -HUP <pid>); 'vacme-server ca show' lists every intermediate.");
        return AdminCommand.EXIT_OK;
    }
}
