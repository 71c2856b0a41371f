package dev.vacme.server.store.sql;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One result row: values by lowercase column name. Engines return integers as {@link Integer} or
 * {@link Long} depending on size and type, so the accessors accept any {@link Number}.
 */
public final class SqlRow {

    private final Map<String, Object> values;

    /** Creates a row; column names are lowercased. */
    public SqlRow(Map<String, Object> values) {
        Map<String, Object> copy = new HashMap<>();
        values.forEach((name, value) -> copy.put(name.toLowerCase(Locale.ROOT), value));
        this.values = Collections.unmodifiableMap(copy);
    }

    /** Returns a text column, or null. */
    public String string(String column) {
        return (String) value(column);
    }

    /** Returns an integer column as a long, or null. */
    public Long longValue(String column) {
        Number number = (Number) value(column);
        return number == null ? null : number.longValue();
    }

    /** Returns an integer column as an int, or null. */
    public Integer intValue(String column) {
        Number number = (Number) value(column);
        return number == null ? null : number.intValue();
    }

    /** Returns a 0/1 flag column. */
    public boolean flag(String column) {
        Long number = longValue(column);
        if (number == null) {
            throw new IllegalStateException("column " + column + " is null");
        }
        return number != 0;
    }

    /** Returns an epoch-milliseconds column as an instant, or null. */
    public Instant instant(String column) {
        Long millis = longValue(column);
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    private Object value(String column) {
        if (!values.containsKey(column)) {
            throw new IllegalArgumentException("no column " + column + " in " + values.keySet());
        }
        return values.get(column);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
