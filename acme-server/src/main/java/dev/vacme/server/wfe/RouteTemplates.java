package dev.vacme.server.wfe;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the template of the route a request path belongs to (e.g. {@code /acme/order/:id} for
 * {@code /acme/order/abc}), whatever its method, for metrics labels and access-log lines that do
 * not grow with the number of orders. One pass over the templates' segments per request, where a
 * route per template (each matched by the router's regular expressions) cost every request a
 * pass over all of them. A {@code :name} segment matches any one non-empty segment, as the
 * router's path parameters do; a trailing slash is ignored, as the router ignores it.
 */
final class RouteTemplates {

    private final List<String> templates;
    private final List<String[]> segments = new ArrayList<>();

    /** Creates the matcher; templates are tried in the order given. */
    RouteTemplates(List<String> templates) {
        this.templates = List.copyOf(templates);
        for (String template : this.templates) {
            segments.add(split(template));
        }
    }

    /** Returns the template the path matches, or null when none does. */
    String match(String path) {
        if (path == null) {
            return null;
        }
        String[] parts = split(path);
        for (int i = 0; i < segments.size(); i++) {
            if (matches(segments.get(i), parts)) {
                return templates.get(i);
            }
        }
        return null;
    }

    private static boolean matches(String[] template, String[] parts) {
        if (template.length != parts.length) {
            return false;
        }
        for (int i = 0; i < template.length; i++) {
            boolean parameter = template[i].startsWith(":");
            if (parameter ? parts[i].isEmpty() : !template[i].equals(parts[i])) {
                return false;
            }
        }
        return true;
    }

    private static String[] split(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.split("/", -1);
    }
}
