package dev.vacme.client.deploy.apache;

import java.util.Locale;

/**
 * Compares a certificate's names with the names a VirtualHost answers to. A VirtualHost's
 * {@code ServerAlias} may hold shell wildcards ({@code *}, {@code ?}) that match any characters,
 * dots included, as httpd matches them; a certificate's wildcard {@code *.example.com} covers
 * exactly one label.
 */
final class HostNames {

    private HostNames() {
    }

    /** Returns the host of a {@code ServerName} value such as {@code https://www.example.com:443}. */
    static String host(String serverName) {
        String host = serverName.toLowerCase(Locale.ROOT);
        int scheme = host.indexOf("://");
        if (scheme >= 0) {
            host = host.substring(scheme + 3);
        }
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end > 0 ? host.substring(0, end + 1) : host;
        }
        int colon = host.lastIndexOf(':');
        host = colon >= 0 ? host.substring(0, colon) : host;
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    /**
     * Returns true when a VirtualHost answering to {@code pattern} serves {@code certName}.
     *
     * @param pattern  a ServerName or ServerAlias value, wildcards allowed
     * @param certName a name of the certificate, {@code *.example.com} allowed
     */
    static boolean matches(String pattern, String certName) {
        String p = host(pattern);
        String name = certName.toLowerCase(Locale.ROOT);
        if (p.equals(name)) {
            return true;
        }
        if (name.startsWith("*.")) {
            // The certificate covers one label below its base: the vhost must answer only such names.
            String base = name.substring(1);
            if (!p.endsWith(base)) {
                return false;
            }
            String label = p.substring(0, p.length() - base.length());
            return !label.isEmpty() && label.indexOf('.') < 0 && label.indexOf('*') < 0 && label.indexOf('?') < 0;
        }
        return glob(p, 0, name, 0);
    }

    /** Returns a name the certificate covers, for SNI: a wildcard becomes one name below it. */
    static String concrete(String certName) {
        return certName.startsWith("*.") ? "vacme-check" + certName.substring(1) : certName;
    }

    private static boolean glob(String pattern, int p, String text, int t) {
        while (p < pattern.length()) {
            char c = pattern.charAt(p);
            if (c == '*') {
                for (int i = t; i <= text.length(); i++) {
                    if (glob(pattern, p + 1, text, i)) {
                        return true;
                    }
                }
                return false;
            }
            if (t >= text.length() || (c != '?' && c != text.charAt(t))) {
                return false;
            }
            p++;
            t++;
        }
        return t == text.length();
    }
}
