package dev.vacme.server.va;

import dev.vacme.common.challenge.KeyAuthorizations;
import dev.vacme.common.model.Identifier;
import dev.vacme.common.model.IdentifierType;
import dev.vacme.common.pki.IpAddresses;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.ConnectOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1OctetString;

/**
 * TLS-ALPN-01 validation (RFC 8737): a TLS handshake with {@code IDENTIFIER:tlsAlpn01Port}
 * offering only the {@code acme-tls/1} protocol, with SNI naming the identifier (for an IP
 * address, its reverse-DNS name, RFC 8738 §6). The server must choose {@code acme-tls/1} and
 * present a certificate with exactly one subjectAltName, the identifier, and a critical
 * id-pe-acmeIdentifier extension holding the SHA-256 digest of the key authorization (§3).
 *
 * <p>Addresses come from the {@link HostResolver} and go through the {@link AddressPolicy}
 * exactly as for HTTP-01; IPv6 is tried first and IPv4 only when no connection could be made.
 * The whole validation must finish within {@link ValidationSettings#timeout()}. The certificate
 * is not checked against any trust anchor: it is self-signed by design.
 */
public final class TlsAlpn01Validator implements ChallengeValidator {

    /** The challenge type. */
    public static final String TYPE = "tls-alpn-01";

    private static final String SAN_TEXT = "exactly one subjectAltName, ";

    private final ValidationSettings settings;
    private final HostResolver resolver;
    private final AddressPolicy policy;
    private final NetClient client;

    /** Creates the validator; it owns one TCP client, closed with Vert.x. */
    public TlsAlpn01Validator(Vertx vertx, ValidationSettings settings, HostResolver resolver) {
        this.settings = settings;
        this.resolver = resolver;
        this.policy = new AddressPolicy(settings.allowedNetworks());
        this.client = vertx.createNetClient(new NetClientOptions()
                .setConnectTimeout((int) settings.timeout().toMillis()));
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Future<Void> validate(ValidationRequest request) {
        Identifier identifier = request.identifier();
        Future<List<InetAddress>> addresses;
        if (identifier.type() == IdentifierType.IP) {
            Optional<InetAddress> literal = IpAddresses.parse(identifier.value());
            if (literal.isEmpty()) {
                return Future.failedFuture(new IllegalArgumentException("not an IP address: " + identifier.value()));
            }
            addresses = Future.succeededFuture(List.of(literal.get()));
        } else if (identifier.type() == IdentifierType.DNS) {
            addresses = resolver.resolve(identifier.value());
        } else {
            return Future.failedFuture(new IllegalArgumentException("cannot validate " + identifier));
        }
        byte[] expected = KeyAuthorizations.tlsAlpn01ExtensionValue(request.keyAuthorization());
        return addresses.compose(all -> choose(identifier, all))
                .compose(chosen -> handshake(identifier, chosen, 0, request.contacted()))
                .compose(connected -> judge(identifier, connected, expected))
                .timeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .recover(error -> Future.failedFuture(error instanceof java.util.concurrent.TimeoutException
                        ? AcmeProblemException.of(ProblemType.CONNECTION, target(identifier)
                                + ": no TLS handshake within the " + settings.timeoutText() + " a validation may take")
                        : error));
    }

    private Future<List<InetAddress>> choose(Identifier identifier, List<InetAddress> all) {
        List<InetAddress> allowed = all.stream().filter(policy::allows).toList();
        if (allowed.isEmpty()) {
            String refused = all.stream()
                    .map(address -> AddressFormat.text(address) + " (" + policy.refusal(address).orElseThrow() + ")")
                    .collect(Collectors.joining(", "));
            return Future.failedFuture(AcmeProblemException.of(ProblemType.CONNECTION, "Connecting to "
                    + target(identifier) + ": validation may not connect to " + refused));
        }
        Optional<InetAddress> ipv6 = allowed.stream().filter(Inet6Address.class::isInstance).findFirst();
        Optional<InetAddress> ipv4 = allowed.stream().filter(Inet4Address.class::isInstance).findFirst();
        return Future.succeededFuture(Stream.of(ipv6, ipv4).flatMap(Optional::stream).toList());
    }

    /** The address a handshake succeeded with, and its socket. */
    private record Connected(InetAddress address, NetSocket socket) {
    }

    private Future<Connected> handshake(Identifier identifier, List<InetAddress> addresses, int index,
            ContactedAddresses contacted) {
        InetAddress address = addresses.get(index);
        contacted.add(address);
        ConnectOptions options = new ConnectOptions()
                .setRemoteAddress(SocketAddress.inetSocketAddress(settings.tlsAlpn01Port(), address.getHostAddress()))
                .setSniServerName(serverName(identifier))
                .setSsl(true)
                .setSslOptions(new ClientSSLOptions()
                        .setTrustAll(true)
                        .setHostnameVerificationAlgorithm("")
                        .setUseAlpn(true)
                        .setApplicationLayerProtocols(List.of(KeyAuthorizations.ACME_TLS_ALPN_PROTOCOL))
                        .setSslHandshakeTimeout(settings.timeout().toMillis())
                        .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS));
        return client.connect(options).map(socket -> new Connected(address, socket)).recover(error -> {
            if (index + 1 < addresses.size() && !(error instanceof javax.net.ssl.SSLException)) {
                return handshake(identifier, addresses, index + 1, contacted);
            }
            ProblemType type = error instanceof javax.net.ssl.SSLException || error.getCause()
                    instanceof javax.net.ssl.SSLException ? ProblemType.TLS : ProblemType.CONNECTION;
            return Future.failedFuture(AcmeProblemException.of(type, AddressFormat.text(address) + ": Connecting to "
                    + target(identifier) + " for tls-alpn-01: " + NetworkErrors.describe(error)));
        });
    }

    private Future<Void> judge(Identifier identifier, Connected connected, byte[] expected) {
        NetSocket socket = connected.socket();
        String where = AddressFormat.text(connected.address());
        try {
            String protocol = socket.applicationLayerProtocol();
            if (!KeyAuthorizations.ACME_TLS_ALPN_PROTOCOL.equals(protocol)) {
                return unauthorized(where + ": " + target(identifier) + " did not negotiate the "
                        + KeyAuthorizations.ACME_TLS_ALPN_PROTOCOL + " protocol (it chose "
                        + (protocol == null || protocol.isEmpty() ? "none" : ResponseText.quote(protocol, 40)) + ")");
            }
            List<Certificate> chain = socket.peerCertificates();
            if (chain.isEmpty() || !(chain.get(0) instanceof X509Certificate certificate)) {
                return unauthorized(where + ": " + target(identifier) + " presented no X.509 certificate");
            }
            return check(identifier, where, certificate, expected);
        } catch (Exception e) {
            return unauthorized(where + ": the certificate from " + target(identifier) + " could not be read");
        } finally {
            socket.close();
        }
    }

    /** The RFC 8737 §3 checks on the certificate presented. */
    private static Future<Void> check(Identifier identifier, String where, X509Certificate certificate,
            byte[] expected)
            throws CertificateParsingException {
        List<String> names = subjectAltNames(certificate);
        String name = (identifier.type() == IdentifierType.IP ? "IP:" : "DNS:") + identifier.value();
        if (names.size() != 1 || !names.get(0).equalsIgnoreCase(name)) {
            return unauthorized(where + ": the tls-alpn-01 certificate must have " + SAN_TEXT + name
                    + "; it has " + (names.isEmpty() ? "none" : String.join(", ", names)));
        }
        String oid = KeyAuthorizations.ACME_IDENTIFIER_OID.getId();
        byte[] extension = certificate.getExtensionValue(oid);
        if (extension == null) {
            return unauthorized(where + ": the tls-alpn-01 certificate has no acmeIdentifier extension ("
                    + oid + ")");
        }
        if (certificate.getCriticalExtensionOIDs() == null || !certificate.getCriticalExtensionOIDs().contains(oid)) {
            return unauthorized(where + ": the acmeIdentifier extension of the tls-alpn-01 certificate "
                    + "is not marked critical");
        }
        byte[] digest;
        try {
            digest = ASN1OctetString.getInstance(ASN1OctetString.getInstance(extension).getOctets()).getOctets();
        } catch (IllegalArgumentException e) {
            return unauthorized(where + ": the acmeIdentifier extension of the tls-alpn-01 certificate is not "
                    + "an OCTET STRING");
        }
        byte[] wanted = ASN1OctetString.getInstance(expected).getOctets();
        if (!Arrays.equals(digest, wanted)) {
            return Future.failedFuture(AcmeProblemException.of(ProblemType.INCORRECT_RESPONSE, where
                    + ": the acmeIdentifier extension does not match this challenge: expected "
                    + hex(wanted) + ", received " + hex(digest)));
        }
        return Future.succeededFuture();
    }

    private static List<String> subjectAltNames(X509Certificate certificate) throws CertificateParsingException {
        Collection<List<?>> all = certificate.getSubjectAlternativeNames();
        if (all == null) {
            return List.of();
        }
        return all.stream().map(san -> switch ((Integer) san.get(0)) {
            case 2 -> "DNS:" + san.get(1);
            case 7 -> "IP:" + IpAddresses.parse(String.valueOf(san.get(1))).map(IpAddresses::canonical)
                    .orElse(String.valueOf(san.get(1)));
            default -> "other name of type " + san.get(0);
        }).toList();
    }

    /** Returns the SNI name: the DNS name, or an IP address's reverse-DNS name (RFC 8738 §6). */
    static String serverName(Identifier identifier) {
        if (identifier.type() != IdentifierType.IP) {
            return identifier.value();
        }
        byte[] bytes = IpAddresses.parse(identifier.value()).orElseThrow().getAddress();
        StringBuilder name = new StringBuilder();
        for (int i = bytes.length - 1; i >= 0; i--) {
            int b = bytes[i] & 0xff;
            if (bytes.length == 4) {
                name.append(b).append('.');
            } else {
                name.append(Character.forDigit(b & 0xf, 16)).append('.')
                        .append(Character.forDigit(b >> 4, 16)).append('.');
            }
        }
        return name.append(bytes.length == 4 ? "in-addr.arpa" : "ip6.arpa").toString();
    }

    private String target(Identifier identifier) {
        return (identifier.type() == IdentifierType.IP && identifier.value().contains(":")
                ? "[" + identifier.value() + "]" : identifier.value()) + ":" + settings.tlsAlpn01Port();
    }

    private static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            text.append(String.format("%02x", b & 0xff));
        }
        return text.toString();
    }

    private static Future<Void> unauthorized(String detail) {
        return Future.failedFuture(AcmeProblemException.of(ProblemType.UNAUTHORIZED, detail));
    }
}
