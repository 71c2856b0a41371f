package dev.vacme.server.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Parses {@code postgresql://} URLs into {@link StoreLocation.Postgres}. */
final class PostgresUrl {

    private static final String EXPECTED = "expected postgresql://user[:password]@host[:port]/database[?schema=NAME]";
    private static final int DEFAULT_PORT = 5432;
    private static final Pattern SCHEMA = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private PostgresUrl() {
    }

    static StoreLocation.Postgres parse(String url) {
        if (!url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
            throw malformed(url, EXPECTED + " or sqlite:PATH");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw malformed(url, EXPECTED);
        }
        String host = host(uri);
        if (host == null || host.isEmpty()) {
            throw malformed(url, "missing or invalid host or port; " + EXPECTED);
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null || userInfo.isEmpty() || userInfo.startsWith(":")) {
            throw malformed(url, "missing user; " + EXPECTED);
        }
        int colon = userInfo.indexOf(':');
        String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
        String password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        String path = uri.getRawPath();
        if (path == null || path.length() < 2 || path.indexOf('/', 1) >= 0) {
            throw malformed(url, "missing or invalid database name; " + EXPECTED);
        }
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        String schema = schema(url, uri.getRawQuery());
        return new StoreLocation.Postgres(host, port, decode(path.substring(1)), user, password, schema);
    }

    private static String host(URI uri) {
        String host = uri.getHost();
        if (host != null && host.startsWith("[") && host.endsWith("]")) {
            return host.substring(1, host.length() - 1);
        }
        return host;
    }

    private static String schema(String url, String query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        String schema = null;
        for (String parameter : query.split("&")) {
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            String value = equals < 0 ? "" : decode(parameter.substring(equals + 1));
            if (!name.equals("schema") && !name.equals("currentSchema")) {
                throw malformed(url, "unsupported parameter '" + name + "' (only schema is supported)");
            }
            if (!SCHEMA.matcher(value).matches()) {
                throw malformed(url, "invalid schema name '" + value + "' (letters, digits and _, at most 63)");
            }
            schema = value;
        }
        return schema;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Builds the error without echoing the URL's password. */
    private static IllegalArgumentException malformed(String url, String why) {
        return new IllegalArgumentException("malformed database URL '" + redacted(url) + "': " + why);
    }

    static String redacted(String url) {
        return url.replaceFirst("^([a-z]+://[^:/@?#]*):[^@/?#]*@", "$1:***@");
    }
}
