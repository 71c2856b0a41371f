package dev.vacme.server.store.sql;

/** The SQL dialects the store speaks. */
public enum Dialect {
    SQLITE("sqlite"),
    POSTGRESQL("postgresql");

    private final String resourceName;

    Dialect(String resourceName) {
        this.resourceName = resourceName;
    }

    /** Returns the name of the folder holding this dialect's own migration files. */
    public String resourceName() {
        return resourceName;
    }
}
