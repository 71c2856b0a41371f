package dev.vacme.client.deploy.keystore;

import dev.vacme.client.deploy.Installer;
import dev.vacme.client.deploy.InstallerContext;
import dev.vacme.client.deploy.InstallerOptions;
import dev.vacme.client.deploy.InstallerType;
import dev.vacme.client.store.InstallerSpec;

/**
 * The keystore installers: {@code pkcs12} and {@code jks} write the chain and key as one
 * private-key entry of a Java keystore, for Tomcat, Jetty, Spring Boot and friends.
 */
public abstract class KeystoreInstallerType implements InstallerType {

    private final String name;
    private final String format;

    KeystoreInstallerType(String name, String format) {
        this.name = name;
        this.format = format;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return format + " keystore: chain and key as one private-key entry";
    }

    @Override
    public InstallerOptions newOptions() {
        return new KeystoreOptions();
    }

    @Override
    public String optionsGroup() {
        return "keystore";
    }

    @Override
    public Installer create(InstallerSpec spec, InstallerContext context) {
        return new KeystoreInstaller(KeystoreSettings.of(format, spec), context);
    }

    /** {@code -i pkcs12}. */
    public static final class Pkcs12 extends KeystoreInstallerType {

        /** Creates the type (found by the service loader). */
        public Pkcs12() {
            super("pkcs12", "PKCS12");
        }
    }

    /** {@code -i jks}. */
    public static final class Jks extends KeystoreInstallerType {

        /** Creates the type (found by the service loader). */
        public Jks() {
            super("jks", "JKS");
        }
    }
}
