package dev.vacme.server.va;

import dev.vacme.common.model.Identifier;
import dev.vacme.common.model.IdentifierType;
import dev.vacme.common.pki.IpAddresses;
import dev.vacme.common.problem.ProblemType;
import dev.vacme.server.AcmeProblemException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One URL HTTP-01 fetches: the challenge URL of RFC 8555 §8.3, or a redirect target that passed
 * the redirect rules (http or https only, an allowed port, a host name or IP literal without zone
 * or user information).
 *
 * @param https        true for an https URL (only ever reached by a redirect)
 * @param host         the host name (lower case, no trailing dot) or IP literal (no brackets)
 * @param literal      the address when the host is an IP literal, else null
 * @param port         the TCP port
 * @param pathAndQuery the raw path and query, starting with {@code /}
 */
record HttpTarget(boolean https, String host, InetAddress literal, int port, String pathAndQuery) {

    /** The path prefix of RFC 8555 §8.3. */
    static final String CHALLENGE_PATH = "/.well-known/acme-challenge/";

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]+");

    /**
     * The challenge URL {@code http://{identifier}:{port}/.well-known/acme-challenge/{token}}
     * (RFC 8555 §8.3; RFC 8738 §3 for IP identifiers).
     *
     * @throws IllegalArgumentException for a token outside the base64url alphabet or an identifier
     *                                  that is neither a host name nor an IP address: the server
     *                                  made those, so they are internal errors
     */
    static HttpTarget challenge(Identifier identifier, String token, int port) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("challenge token is not base64url");
        }
        String path = CHALLENGE_PATH + token;
        if (identifier.type() == IdentifierType.IP) {
            InetAddress address = IpAddresses.parse(identifier.value())
                    .orElseThrow(() -> new IllegalArgumentException("ip identifier is not an IP address"));
            return new HttpTarget(false, AddressFormat.text(address), address, port, path);
        }
        String name = HostOverride.normalise(identifier.value());
        if (identifier.type() != IdentifierType.DNS || !HostOverride.isHostName(name)) {
            throw new IllegalArgumentException("identifier " + identifier + " cannot be validated over HTTP");
        }
        return new HttpTarget(false, name, null, port, path);
    }

    /**
     * Resolves a {@code Location} header against this URL and checks the redirect rules.
     *
     * @param allowedPorts the ports a redirect may name (80, 443 and the HTTP-01 port)
     * @throws AcmeProblemException {@code connection}, naming both URLs and the broken rule
     */
    HttpTarget redirect(String location, Set<Integer> allowedPorts) {
        URI uri;
        try {
            uri = URI.create(url()).resolve(new URI(location.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw refused(location, "it is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw refused(location, "only http and https redirects are followed");
        }
        if (uri.getRawUserInfo() != null) {
            throw refused(location, "it contains user information");
        }
        boolean secure = scheme.equals("https");
        int newPort = uri.getPort() < 0 ? (secure ? 443 : 80) : uri.getPort();
        if (!allowedPorts.contains(newPort)) {
            throw refused(location, "only ports " + describe(allowedPorts) + " are followed");
        }
        String rawHost = uri.getHost() == null ? "" : uri.getHost();
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        if (rawHost.startsWith("[")) {
            InetAddress address = IpAddresses.parse(rawHost.substring(1, rawHost.length() - 1))
                    .orElseThrow(() -> refused(location, "its IPv6 address is not valid (zones are not allowed)"));
            return new HttpTarget(secure, AddressFormat.text(address), address, newPort, path);
        }
        Optional<InetAddress> ipv4 = IpAddresses.parse(rawHost);
        if (ipv4.isPresent()) {
            return new HttpTarget(secure, AddressFormat.text(ipv4.get()), ipv4.get(), newPort, path);
        }
        String name = HostOverride.normalise(rawHost);
        if (!HostOverride.isHostName(name)) {
            throw refused(location, "it has no valid host name");
        }
        return new HttpTarget(secure, name, null, newPort, path);
    }

    /** Returns the URL, e.g. {@code http://a.test:5002/.well-known/acme-challenge/T}. */
    String url() {
        return (https ? "https" : "http") + "://" + authority() + pathAndQuery;
    }

    /**
     * Returns the {@code Host} header value (RFC 9110 §7.2): the host, bracketed when IPv6, with
     * the port unless it is the scheme's default.
     */
    String authority() {
        String hostPart = literal != null ? AddressFormat.inUrl(literal) : host;
        return port == (https ? 443 : 80) ? hostPart : hostPart + ":" + port;
    }

    private AcmeProblemException refused(String location, String why) {
        return AcmeProblemException.of(ProblemType.CONNECTION, "Redirect from " + url() + " to "
                + ResponseText.quote(location, ResponseText.DETAIL_CHARS) + " refused: " + why);
    }

    private static String describe(Set<Integer> ports) {
        var sorted = new TreeSet<>(ports).stream().map(String::valueOf).toList();
        return sorted.size() == 1 ? sorted.get(0)
                : String.join(", ", sorted.subList(0, sorted.size() - 1)) + " and " + sorted.get(sorted.size() - 1);
    }
}
