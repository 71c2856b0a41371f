package dev.vacme.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vacme.common.json.AcmeJson;
import dev.vacme.server.ca.CaException;
import dev.vacme.server.ca.CaHierarchy;
import dev.vacme.server.ca.IssuerIds;
import dev.vacme.server.ca.IssuerSchedule;
import dev.vacme.server.ca.RootSigner;
import java.io.PrintWriter;
import java.security.cert.X509Certificate;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vacme-server ca cross-sign}: an alternate chain for an intermediate (RFC 8555 §7.4.2), as
 * Let's Encrypt offered ISRG Root X1 cross-signed by DST Root CA X3 to clients that trusted only
 * the older root.
 */
@Command(name = "cross-sign", mixinStandardHelpOptions = true,
        versionProvider = AdminCommand.Version.class,
        description = {"Certify an intermediate's key and name a second time from an alternate root, generated in "
                + "<data-dir>/ca/alternate-roots/ on first use (for a CA on a PKCS#11 token, its key on the token, "
                + "label <pkcs11-root-label>-alternate-ID). Certificate downloads then offer the alternate "
                + "chain (Link: <URL/1>;rel=\"alternate\"), which clients pick with --preferred-chain "
                + "\"<alternate root's common name>\".",
            "A running server picks it up within a minute, or at once on SIGHUP."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:made", "1:the CA's files or token keys could not be read or written (e.g. a label already taken)",
            "2:bad arguments or configuration (token settings missing, wrong PIN), or no CA"})
final class CaCrossSignCommand extends CaCommand.CaSubcommand {

    @Option(names = "--intermediate", paramLabel = "ID",
            description = "The intermediate to cross-sign, by id (default: the one that issues now)")
    String intermediateId;

    @Option(names = "--alternate-root", paramLabel = "ID",
            description = "The alternate root that signs, by id, when there are several (default: the only one, "
                    + "generated when there is none)")
    String alternateRootId;

    @Option(names = "--json", description = "Print one JSON object for scripts")
    boolean json;

    @Override
    int run(CaCommand.Ca ca, PrintWriter out) {
        CaHierarchy hierarchy = ca.rotation().hierarchy();
        String id = intermediateId != null ? intermediateId : ca.schedule().states(hierarchy, Instant.now()).stream()
                .filter(state -> state.phase() == IssuerSchedule.Phase.ACTIVE)
                .findFirst().orElseThrow().intermediate().id();
        if (hierarchy.intermediate(id).isEmpty()) {
            throw new CaException("no intermediate " + id + " in " + ca.storage().directory()
                    + " ('vacme-server ca show' lists them)");
        }
        RootSigner root = alternateRootId != null ? ca.rotation().alternateRoot(alternateRootId)
                : ca.rotation().alternateRoot();
        X509Certificate crossSigned = ca.rotation().crossSign(id, root);
        if (json) {
            ObjectNode object = CaFacts.json(crossSigned);
            object.put("intermediate", id);
            object.put("alternateRoot", root.certificate().getSubjectX500Principal().getName());
            object.put("alternateRootKey", root.describe());
            out.println(AcmeJson.write(object));
            return AdminCommand.EXIT_OK;
        }
        out.println("Cross-signed intermediate " + id + " by " + root.certificate().getSubjectX500Principal().getName());
        CaFacts.print(out, "  ", crossSigned);
        out.println("Alternate root (give it to relying parties that trust it instead of the CA's root):");
        CaFacts.print(out, "  ", root.certificate());
        out.println("  file:        " + ca.storage().directory().resolve("alternate-roots")
                .resolve(IssuerIds.of(root.certificate())).resolve("root.pem"));
        out.println("  key:         " + root.describe());
        out.println("Clients choose this chain with --preferred-chain \""
                + commonName(root.certificate()) + "\".");
        return AdminCommand.EXIT_OK;
    }

    private static String commonName(X509Certificate certificate) {
        for (String part : certificate.getSubjectX500Principal().getName().split(",")) {
            if (part.startsWith("CN=")) {
                return part.substring(3);
            }
        }
        return certificate.getSubjectX500Principal().getName();
    }
}
