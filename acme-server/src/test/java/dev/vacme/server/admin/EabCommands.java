package dev.vacme.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vacme.common.json.AcmeJson;
import dev.vacme.server.ServerMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs {@code vacme-server eab ...} in this JVM, as the jar's main would, and captures its output. */
public final class EabCommands {

    private final List<String> storeOptions;

    /**
     * @param storeOptions the options naming the store, e.g. {@code --data-dir DIR} or {@code --db URL}
     */
    public EabCommands(String... storeOptions) {
        this.storeOptions = List.of(storeOptions);
    }

    /**
     * What a command printed.
     *
     * @param exitCode the exit code
     * @param out      standard output
     * @param err      standard error
     */
    public record Result(int exitCode, String out, String err) {

        /** Standard output as JSON. */
        public JsonNode json() {
            return AcmeJson.readTree(out.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Runs {@code eab VERB ARGS... STORE-OPTIONS}. */
    public Result run(String verb, String... args) {
        List<String> command = new ArrayList<>(List.of("eab", verb));
        command.addAll(List.of(args));
        command.addAll(storeOptions);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new ServerMain());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(command.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    /** Mints a key with {@code eab create --json} and returns {@code {kid, hmacKey}}. */
    public JsonNode create(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--json");
        Result result = run("create", all.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.err()).isZero();
        return result.json();
    }
}
