package dev.vacme.client.deploy.apache;

/**
 * A directive or a section of one configuration file, with the lines it spans there, so that an
 * edit replaces exactly those lines and leaves every other byte of the file as it was.
 */
sealed interface ConfigNode permits Directive, Section {

    /** Returns the name, e.g. {@code ServerName} or {@code VirtualHost}. */
    String name();

    /** Returns the file the node is written in. */
    ConfigFile file();

    /** Returns the index of the node's first line in its file, from 0. */
    int firstLine();

    /** Returns the index of the node's last line (a continuation's end, a section's closing tag). */
    int lastLine();

    /** Returns true when the node has this name, compared as httpd does, without case. */
    default boolean is(String other) {
        return name().equalsIgnoreCase(other);
    }

    /** Returns where the node is, for messages: {@code FILE:LINE}. */
    default String where() {
        return file().path() + ":" + (firstLine() + 1);
    }
}
