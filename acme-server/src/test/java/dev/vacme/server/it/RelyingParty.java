package dev.vacme.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.pki.Pem;
import dev.vacme.server.ca.IssuerIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * openssl as a relying party of a server's PKI listener, for the revocation ITs: asks the OCSP
 * responder about a certbot lineage and downloads and verifies an issuer's CRL, waiting up to
 * {@link #WITHIN} for a revocation to show.
 */
final class RelyingParty {

    static final Duration WITHIN = Duration.ofSeconds(15);

    private final Path dir;
    private final String pki;
    private final Path root;
    private final HttpClient http = HttpClient.newHttpClient();

    RelyingParty(Path dir, String pki, Path root) {
        this.dir = dir;
        this.pki = pki;
        this.root = root;
    }

    /** A certbot lineage: the leaf, its issuer and the leaf's serial as openssl prints it. */
    record Lineage(Path directory) {

        Path cert() {
            return directory.resolve("cert.pem");
        }

        Path chain() {
            return directory.resolve("chain.pem");
        }

        X509Certificate leaf() {
            return read(cert());
        }

        X509Certificate issuer() {
            return read(chain());
        }

        private static X509Certificate read(Path file) {
            try {
                return Pem.readCertificate(Files.readString(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Upper-case hex with an even number of digits, as openssl prints serials. */
        String serialHex() {
            String hex = leaf().getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
            return hex.length() % 2 == 0 ? hex : "0" + hex;
        }
    }

    /** {@code openssl ocsp} for the lineage's leaf, with the responder's answer printed; must succeed. */
    String ocsp(Lineage lineage) {
        Commands.Outcome outcome = openssl("ocsp", "-issuer", lineage.chain().toString(), "-cert",
                lineage.cert().toString(), "-url", pki + "/ocsp", "-CAfile", root.toString(), "-resp_text");
        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
        return outcome.output();
    }

    /** Asks OCSP until the answer satisfies {@code done}. */
    String awaitOcsp(Lineage lineage, Predicate<String> done) throws InterruptedException {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        String output = ocsp(lineage);
        while (!done.test(output)) {
            assertThat(System.nanoTime()).as("within %s: %s", WITHIN, output).isLessThan(deadline);
            Thread.sleep(250);
            output = ocsp(lineage);
        }
        return output;
    }

    /** The URL of the CRL of {@code issuer} on this PKI listener. */
    String crlUrl(X509Certificate issuer) {
        return pki + "/crl/" + IssuerIds.of(issuer) + ".crl";
    }

    /**
     * Downloads the issuer's CRL until {@code openssl crl -text} shows what {@code done} wants,
     * checks that it verifies against {@code issuerPem}, and returns its text.
     */
    String awaitCrl(X509Certificate issuer, Path issuerPem, Predicate<String> done) throws Exception {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        Path file = Files.createTempFile(dir, "crl", ".der");
        while (true) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(crlUrl(issuer))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            String text = "HTTP " + response.statusCode();
            if (response.statusCode() == 200) {
                assertThat(response.headers().firstValue("Content-Type")).contains("application/pkix-crl");
                Files.write(file, response.body());
                text = openssl("crl", "-inform", "DER", "-in", file.toString(), "-noout", "-text").output();
            }
            if (response.statusCode() == 200 && done.test(text)) {
                Commands.Outcome verified = openssl("crl", "-inform", "DER", "-in", file.toString(), "-CAfile",
                        issuerPem.toString(), "-noout", "-verify");
                assertThat(verified.output()).as("the CRL verifies against " + issuerPem).contains("verify OK");
                return text;
            }
            assertThat(System.nanoTime()).as("within %s: %s", WITHIN, text).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    /** The CRL distribution point and OCSP URL the leaf names, from {@code openssl x509 -text}. */
    String extensions(Lineage lineage) {
        return openssl("x509", "-in", lineage.cert().toString(), "-noout", "-ext",
                "crlDistributionPoints,authorityInfoAccess").output();
    }

    Commands.Outcome openssl(String... arguments) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        return Commands.run(dir, Map.of(), command);
    }
}
