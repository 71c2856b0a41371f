package dev.vacme.client.acme;

import java.net.URI;
import java.util.List;

/**
 * A downloaded certificate chain and the alternate chains the server offers for the same
 * certificate through {@code Link: <URL>;rel="alternate"} headers (RFC 8555 §7.4.2).
 *
 * @param pem        the {@code application/pem-certificate-chain}, leaf first
 * @param alternates the URLs of alternate chains, in the server's order
 */
public record ChainDownload(String pem, List<URI> alternates) {

    public ChainDownload {
        alternates = List.copyOf(alternates);
    }
}
