package dev.vacme.server.store.pg;

/** Rewrites the store's portable {@code ?} placeholders into PostgreSQL's {@code $1, $2, ...}. */
final class Placeholders {

    private Placeholders() {
    }

    /** Numbers every {@code ?} outside quoted literals and identifiers. */
    static String numbered(String sql) {
        StringBuilder out = new StringBuilder(sql.length() + 16);
        char quote = 0;
        int next = 1;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                out.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                out.append(c);
            } else if (c == '?') {
                out.append('$').append(next++);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
