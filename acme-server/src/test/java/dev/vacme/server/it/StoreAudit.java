package dev.vacme.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vacme.common.json.AcmeJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/** The operator's view after a crash: {@code vacme-server admin} on the store the servers used. */
final class StoreAudit {

    private StoreAudit() {
    }

    /**
     * Asserts that {@code admin store check} passes and that every certificate a client downloaded
     * is in the store (nothing handed out was lost), with no serial listed twice.
     */
    static void assertSound(List<String> storeArguments, Map<String, String> serialsClientsGot) {
        assertSound(storeArguments, List.of(), serialsClientsGot);
    }

    /** As {@link #assertSound(List, Map)}, with extra options for the store check, e.g. its recovery window. */
    static void assertSound(List<String> storeArguments, List<String> checkOptions, Map<String, String> serialsClientsGot) {
        List<String> check = new ArrayList<>(List.of("admin", "store", "check"));
        check.addAll(storeArguments);
        check.addAll(checkOptions);
        ServerProcess.Result checked = ServerProcess.run(check.toArray(String[]::new));
        assertThat(checked.exitCode()).as(checked.output()).isZero();
        assertThat(checked.output()).contains("no violations");

        List<String> certs = new ArrayList<>(List.of("admin", "certs", "--json"));
        certs.addAll(storeArguments);
        ServerProcess.Result listed = ServerProcess.run(certs.toArray(String[]::new));
        assertThat(listed.exitCode()).as(listed.output()).isZero();
        String json = listed.output().lines().filter(line -> line.startsWith("[")).findFirst().orElseThrow();
        List<String> stored = StreamSupport.stream(AcmeJson.readTree(json.getBytes(StandardCharsets.UTF_8))
                .spliterator(), false).map(node -> node.get("serial").asText()).toList();
        assertThat(stored).doesNotHaveDuplicates();
        assertThat(stored).containsAll(serialsClientsGot.values());
        assertThat(serialsClientsGot.values()).doesNotHaveDuplicates();
    }
}
