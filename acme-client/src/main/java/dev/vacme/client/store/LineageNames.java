package dev.vacme.client.store;

import dev.vacme.client.UsageException;
import java.util.List;
import java.util.regex.Pattern;

/** Rules for lineage names ({@code --cert-name}): safe as a file name, derived from the first domain. */
public final class LineageNames {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,252}");

    private LineageNames() {
    }

    /**
     * Returns the name unchanged when it is a safe file name.
     *
     * @throws UsageException when it is not
     */
    public static String check(String name) {
        if (name == null || !VALID.matcher(name).matches() || name.contains("..")) {
            throw new UsageException("invalid certificate name '" + name
                    + "': use letters, digits, '.', '-', '_' and ':' only, starting with a letter or digit");
        }
        return name;
    }

    /** Returns the default name for a set of domains: the first, without a wildcard prefix (as certbot). */
    public static String defaultFor(List<String> domains) {
        String first = domains.get(0);
        return check(first.startsWith("*.") ? first.substring(2) : first);
    }
}
