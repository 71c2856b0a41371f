package dev.vacme.client.acme;

import dev.vacme.client.ErrorText;
import dev.vacme.common.json.AcmeJson;
import dev.vacme.common.json.AcmeJsonException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP response from an ACME server, with the header helpers the protocol needs.
 *
 * @param request the request it answers
 * @param status  the HTTP status code
 * @param headers the response headers, names in lower case
 * @param body    the body, empty when there is none
 */
public record AcmeResponse(AcmeRequest request, int status, Map<String, List<String>> headers, byte[] body) {

    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^,;]+)*)");
    private static final Pattern REL = Pattern.compile(";\\s*rel\\s*=\\s*\"?([^\";]+)\"?");

    public AcmeResponse {
        headers = lowerCase(headers);
        body = body == null ? new byte[0] : body;
    }

    /** Returns the first value of a header, if present. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Returns the {@code Replay-Nonce} header (RFC 8555 §6.5.1), if present. */
    public Optional<String> nonce() {
        return header("Replay-Nonce").map(String::trim).filter(n -> n.matches("[A-Za-z0-9_-]+"));
    }

    /** Returns the {@code Location} header resolved against the request URL, if present. */
    public Optional<URI> location() {
        return header("Location").map(value -> request.uri().resolve(value.trim()));
    }

    /** Returns the {@code Content-Type} without parameters, lower case, or empty text. */
    public String contentType() {
        return header("Content-Type").map(v -> v.split(";", 2)[0].trim().toLowerCase(Locale.ROOT)).orElse("");
    }

    /** Returns when to ask again according to {@code Retry-After}, if the header is present and valid. */
    public Optional<Instant> retryAfter(Instant now) {
        return header("Retry-After").flatMap(value -> RetryAfter.parse(value, now));
    }

    /** Returns the targets of every {@code Link} header with the given relation (RFC 8288), resolved. */
    public List<URI> links(String relation) {
        List<URI> targets = new ArrayList<>();
        for (String value : headers.getOrDefault("link", List.of())) {
            Matcher link = LINK.matcher(value);
            while (link.find()) {
                Matcher rel = REL.matcher(link.group(2));
                while (rel.find()) {
                    for (String name : rel.group(1).trim().split("\\s+")) {
                        if (name.equalsIgnoreCase(relation)) {
                            targets.add(request.uri().resolve(link.group(1)));
                        }
                    }
                }
            }
        }
        return targets;
    }

    /** Returns true for a 2xx status. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** Returns the body as UTF-8 text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * Reads the body as the given ACME object.
     *
     * @throws AcmeProtocolException when the body does not fit
     */
    public <T> T json(Class<T> type) {
        try {
            return AcmeJson.read(body, type);
        } catch (AcmeJsonException e) {
            throw new AcmeProtocolException("the server's answer to " + request.method() + " " + request.uri()
                    + " is not a valid " + type.getSimpleName() + ": " + ErrorText.of(e), e);
        }
    }

    private static Map<String, List<String>> lowerCase(Map<String, List<String>> headers) {
        Map<String, List<String>> lower = new HashMap<>();
        if (headers != null) {
            headers.forEach((name, values) -> lower.computeIfAbsent(name.toLowerCase(Locale.ROOT),
                    k -> new ArrayList<>()).addAll(values));
        }
        return Map.copyOf(lower);
    }
}
