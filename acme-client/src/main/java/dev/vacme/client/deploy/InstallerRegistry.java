package dev.vacme.client.deploy;

import dev.vacme.client.UsageException;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The installer types by name. The types register themselves through {@link ServiceLoader}: each
 * adds its class name to {@code META-INF/services/dev.vacme.client.deploy.InstallerType}, so
 * adding an installer touches no switch or list elsewhere.
 */
public final class InstallerRegistry {

    private final Map<String, InstallerType> types = new TreeMap<>();

    /** Creates a registry of the given types (tests use their own). */
    public InstallerRegistry(Collection<InstallerType> installerTypes) {
        for (InstallerType type : installerTypes) {
            InstallerType previous = types.putIfAbsent(type.name(), type);
            if (previous != null) {
                throw new IllegalStateException("two installers named " + type.name());
            }
        }
    }

    /** Returns the registry of every installer type on the class path. */
    public static InstallerRegistry discovered() {
        return new InstallerRegistry(ServiceLoader.load(InstallerType.class, InstallerType.class.getClassLoader())
                .stream().map(ServiceLoader.Provider::get).toList());
    }

    /** Returns every type, by name. */
    public Collection<InstallerType> types() {
        return Collections.unmodifiableCollection(types.values());
    }

    /** Returns the known names, sorted. */
    public List<String> names() {
        return List.copyOf(types.keySet());
    }

    /**
     * Returns the type with this name.
     *
     * @throws UsageException listing the known installers when there is none
     */
    public InstallerType require(String name) {
        InstallerType type = types.get(name.strip().toLowerCase(Locale.ROOT));
        if (type == null) {
            throw new UsageException("unknown installer '" + name + "'; known installers: "
                    + (types.isEmpty() ? "none" : String.join(", ", types.keySet())));
        }
        return type;
    }
}
