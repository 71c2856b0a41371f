package dev.vacme.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vacme.common.json.AcmeJson;
import dev.vacme.server.ca.CaHierarchy;
import dev.vacme.server.ca.Intermediate;
import dev.vacme.server.ca.IssuerIds;
import dev.vacme.server.ca.IssuerSchedule;
import java.io.PrintWriter;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vacme-server ca show}: the hierarchy, and what each intermediate does now. */
@Command(name = "show", mixinStandardHelpOptions = true,
        versionProvider = AdminCommand.Version.class,
        description = "Print the CA's roots, each intermediate (id, subject, serial, SHA-256 fingerprint, validity, "
                + "state, where its key lives) and the alternate chains.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:done", "1:the CA's files or token keys could not be read",
            "2:bad arguments or configuration (token settings missing, wrong PIN), or no CA"})
final class CaShowCommand extends CaCommand.CaSubcommand {

    @Option(names = "--json", description = "Print one JSON object for scripts")
    boolean json;

    @Override
    int run(CaCommand.Ca ca, PrintWriter out) {
        CaHierarchy hierarchy = ca.rotation().hierarchy();
        List<IssuerSchedule.State> states = ca.schedule().states(hierarchy, Instant.now());
        if (json) {
            out.println(AcmeJson.write(json(ca, hierarchy, states)));
        } else {
            text(ca, hierarchy, states, out);
        }
        return AdminCommand.EXIT_OK;
    }

    private static void text(CaCommand.Ca ca, CaHierarchy hierarchy, List<IssuerSchedule.State> states,
            PrintWriter out) {
        out.println("CA in " + ca.storage().directory() + " (intermediate-overlap "
                + CaFacts.duration(ca.config().intermediateOverlap()) + ", longest certificate validity "
                + CaFacts.duration(ca.config().profiles().longestValidity()) + ")");
        out.println();
        out.println("Root " + hierarchy.root().getSubjectX500Principal().getName());
        CaFacts.print(out, "  ", hierarchy.root());
        out.println("  key:         " + ca.rotation().ownRoot().describe());
        for (X509Certificate alternate : hierarchy.alternateRoots()) {
            out.println();
            out.println("Alternate root " + alternate.getSubjectX500Principal().getName());
            CaFacts.print(out, "  ", alternate);
            out.println("  key:         " + ca.rotation().alternateRoot(IssuerIds.of(alternate)).describe());
        }
        for (IssuerSchedule.State state : states) {
            Intermediate intermediate = state.intermediate();
            out.println();
            out.println("Intermediate " + intermediate.id() + " (" + state.phase().name().toLowerCase(Locale.ROOT) + ")");
            CaFacts.print(out, "  ", intermediate.certificate());
            out.println("  state:       " + describe(state));
            out.println("  key:         " + intermediate.key().describe());
            for (X509Certificate cross : intermediate.crossSignatures()) {
                out.println("  alternate chain: cross-signed by " + cross.getIssuerX500Principal().getName());
                out.println("    serial:    " + CaFacts.serial(cross));
                out.println("    sha256:    " + CaFacts.fingerprint(cross));
                out.println("    valid:     " + cross.getNotBefore().toInstant() + " to " + cross.getNotAfter().toInstant());
            }
        }
    }

    /** One line saying what the intermediate does and until when. */
    static String describe(IssuerSchedule.State state) {
        return switch (state.phase()) {
            case WAITING -> "waiting for the overlap, issues from " + state.activeFrom();
            case ACTIVE -> "active, issues new certificates (since " + state.activeFrom() + ")";
            case RETIRED -> "retired at " + state.retiredAt().orElseThrow() + ", answering for its certificates until "
                    + state.answersUntil();
            case GONE -> "retired at " + state.retiredAt().orElseThrow() + "; its last certificate expired at "
                    + state.answersUntil();
        };
    }

    private static ObjectNode json(CaCommand.Ca ca, CaHierarchy hierarchy, List<IssuerSchedule.State> states) {
        ObjectNode object = AcmeJson.objectNode();
        object.put("directory", ca.storage().directory().toString());
        object.put("intermediateOverlap", CaFacts.duration(ca.config().intermediateOverlap()));
        object.put("longestValidity", CaFacts.duration(ca.config().profiles().longestValidity()));
        ObjectNode root = CaFacts.json(hierarchy.root());
        root.put("key", ca.rotation().ownRoot().describe());
        object.set("root", root);
        ArrayNode alternateRoots = object.putArray("alternateRoots");
        for (X509Certificate alternate : hierarchy.alternateRoots()) {
            ObjectNode entry = CaFacts.json(alternate);
            entry.put("key", ca.rotation().alternateRoot(IssuerIds.of(alternate)).describe());
            alternateRoots.add(entry);
        }
        ArrayNode intermediates = object.putArray("intermediates");
        for (IssuerSchedule.State state : states) {
            ObjectNode entry = CaFacts.json(state.intermediate().certificate());
            entry.put("state", state.phase().name().toLowerCase(Locale.ROOT));
            entry.put("created", state.intermediate().created().toString());
            entry.put("activeFrom", state.activeFrom().toString());
            state.retiredAt().ifPresent(retired -> entry.put("retiredAt", retired.toString()));
            entry.put("answersUntil", state.answersUntil().toString());
            entry.put("key", state.intermediate().key().describe());
            ArrayNode alternates = entry.putArray("alternateChains");
            state.intermediate().crossSignatures().forEach(cross -> alternates.add(CaFacts.json(cross)));
            intermediates.add(entry);
        }
        return object;
    }
}
