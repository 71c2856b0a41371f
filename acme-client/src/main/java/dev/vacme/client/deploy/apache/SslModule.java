package dev.vacme.client.deploy.apache;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Makes sure mod_ssl is loaded before a TLS VirtualHost is added. Two layouts are known: Debian's
 * {@code mods-available}/{@code mods-enabled}, where it links {@code ssl.load}, {@code ssl.conf}
 * and {@code socache_shmcb.load} as {@code a2enmod ssl} does; and a configuration that loads
 * modules with {@code LoadModule} from a directory holding {@code mod_ssl.so}, where it adds a
 * {@code LoadModule} line after the last one. Any other layout gets a message saying what to do.
 */
final class SslModule {

    private final ApacheConfig config;

    SslModule(ApacheConfig config) {
        this.config = config;
    }

    /** Plans whatever loads mod_ssl; nothing when it is loaded already. */
    void ensureLoaded(ConfigEdits edits) {
        if (loaded("ssl_module")) {
            return;
        }
        Path root = config.serverRoot();
        Path available = root.resolve("mods-available");
        Path enabled = root.resolve("mods-enabled");
        if (Files.isRegularFile(available.resolve("ssl.load")) && config.wouldInclude(enabled.resolve("ssl.load"))) {
            enable(edits, available, enabled, "ssl.load");
            enable(edits, available, enabled, "ssl.conf");
            if (!loaded("socache_shmcb_module")) {
                enable(edits, available, enabled, "socache_shmcb.load");
            }
            return;
        }
        List<Directive> loads = config.directives("LoadModule");
        for (Directive load : loads) {
            if (load.args().size() < 2) {
                continue;
            }
            Path module = root.resolve(load.args().get(1)).normalize();
            Path ssl = module.resolveSibling("mod_ssl.so");
            if (Files.isRegularFile(ssl)) {
                Directive last = loads.get(loads.size() - 1);
                edits.insertAfter(last, List.of(last.file().indentOf(last.firstLine()) + "LoadModule ssl_module "
                        + ConfigWords.quote(ssl.toString())), "load mod_ssl after " + last.where());
                return;
            }
        }
        throw new ApacheConfigException("mod_ssl is not loaded and vacme cannot tell how to load it here;"
                + " enable it (Debian: a2enmod ssl) and run again");
    }

    private boolean loaded(String module) {
        return config.directives("LoadModule").stream().anyMatch(d -> d.firstArg().equals(module));
    }

    private static void enable(ConfigEdits edits, Path available, Path enabled, String file) {
        Path link = enabled.resolve(file);
        if (Files.isRegularFile(available.resolve(file)) && !Files.exists(link)) {
            edits.link(link, Path.of("..", "mods-available", file), "enable " + file + " (link " + link + ")");
        }
    }
}
