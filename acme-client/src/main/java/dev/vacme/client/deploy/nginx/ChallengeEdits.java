package dev.vacme.client.deploy.nginx;

import dev.vacme.client.challenge.ChallengeTask;
import dev.vacme.client.deploy.Endpoint.HostPort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The temporary edits that make nginx answer http-01 (RFC 8555 §8.3): each name's plain-HTTP
 * server block on the http-01 port (chosen as nginx chooses it) gets one exact-match location per
 * token, <code>location = /.well-known/acme-challenge/TOKEN { default_type text/plain; return 200
 * "KEYAUTH"; }</code>, which wins over every other location of the block. Names no such block
 * serves get one temporary server block in the {@code http} block of the main file, listening
 * where the other blocks on that port listen.
 *
 * <p>Not answered: a block that returns or rewrites at server level (outside any location) runs
 * that before any location, so its challenge requests get the redirect instead.
 */
final class ChallengeEdits {

    /**
     * The edits and where to check each response.
     *
     * @param edits    the edits
     * @param checks   per task, where nginx should answer it
     * @param warnings problems the operator should know of (a server-level return)
     */
    record Result(TextEdits edits, Map<ChallengeTask, HostPort> checks, List<String> warnings) {
    }

    private ChallengeEdits() {
    }

    /**
     * Computes the edits.
     *
     * @param port the http-01 port of the blocks that answer (80 unless nginx listens elsewhere)
     * @throws NginxException when the configuration has no {@code http} block in its main file
     */
    static Result compute(NginxConfig config, List<ChallengeTask> tasks, int port) {
        List<ServerBlock> plain = ServerBlock.all(config).stream().filter(b -> b.listensPlain(port)).toList();
        Map<ServerBlock, List<ChallengeTask>> byBlock = new LinkedHashMap<>();
        List<ChallengeTask> unserved = new ArrayList<>();
        for (ChallengeTask task : tasks) {
            Optional<ServerBlock> block = best(plain, task.domain());
            if (block.isPresent()) {
                byBlock.computeIfAbsent(block.get(), b -> new ArrayList<>()).add(task);
            } else {
                unserved.add(task);
            }
        }
        TextEdits edits = new TextEdits();
        Map<ChallengeTask, HostPort> checks = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        byBlock.forEach((block, blockTasks) -> {
            addLocations(config, edits, block, blockTasks);
            HostPort where = hostPort(block.listens(), port);
            blockTasks.forEach(task -> checks.put(task, where));
            if (block.directive().block().stream()
                    .anyMatch(d -> d.name().equals("return") || d.name().equals("rewrite"))) {
                warnings.add("the server block at " + block.where() + " returns or rewrites outside any location,"
                        + " so it may not answer the http-01 challenge; move that into 'location / { ... }'");
            }
        });
        if (!unserved.isEmpty()) {
            List<Listen> listens = plainListens(plain, port);
            addServer(config, edits, unserved, listens);
            HostPort where = hostPort(listens, port);
            unserved.forEach(task -> checks.put(task, where));
        }
        return new Result(edits, checks, warnings);
    }

    private static Optional<ServerBlock> best(List<ServerBlock> blocks, String domain) {
        return blocks.stream().filter(b -> b.match(domain).isPresent())
                .sorted(Comparator.comparing(b -> b.match(domain).orElseThrow())).findFirst();
    }

    /** Returns the location that answers one challenge. */
    static String location(ChallengeTask task) {
        return "location = " + task.http01Path() + " { default_type text/plain; return 200 "
                + DirectiveText.quote(task.keyAuthorization()) + "; }";
    }

    private static void addLocations(NginxConfig config, TextEdits edits, ServerBlock block,
            List<ChallengeTask> tasks) {
        NginxDirective server = block.directive();
        NginxFile file = config.file(server.file());
        List<String> lines = tasks.stream().map(ChallengeEdits::location).toList();
        if (server.block().isEmpty()) {
            DirectiveText.insertIntoEmptyBlock(edits, file, server, lines);
        } else {
            DirectiveText.insertAfter(edits, file, server.block().get(server.block().size() - 1), lines);
        }
    }

    private static void addServer(NginxConfig config, TextEdits edits, List<ChallengeTask> tasks,
            List<Listen> listens) {
        NginxFile main = config.mainFile();
        NginxDirective http = main.directives().stream().filter(d -> d.name().equals("http") && d.isBlock())
                .findFirst().orElseThrow(() -> new NginxException(main.path() + " has no http block to add a"
                        + " temporary server block to"));
        Set<String> names = new LinkedHashSet<>();
        tasks.forEach(task -> names.add(task.domain()));
        List<String> lines = new ArrayList<>();
        lines.add("server { # added by vacme for http-01, removed after validation");
        listens.forEach(l -> lines.add("    listen " + listenAddress(l) + ";"));
        lines.add("    server_name " + String.join(" ", names) + ";");
        tasks.forEach(task -> lines.add("    " + location(task)));
        lines.add("}");
        if (http.block().isEmpty()) {
            DirectiveText.insertIntoEmptyBlock(edits, main, http, lines);
        } else {
            DirectiveText.insertAfter(edits, main, http.block().get(http.block().size() - 1), lines);
        }
    }

    /** Returns the distinct plain listeners on the port, or one on all addresses when there are none. */
    private static List<Listen> plainListens(List<ServerBlock> blocks, int port) {
        Set<Listen> listens = new LinkedHashSet<>();
        for (ServerBlock block : blocks) {
            block.listens().stream().filter(l -> !l.ssl() && l.port() == port)
                    .forEach(l -> listens.add(new Listen(l.address(), l.port(), l.ipv6(), false, false)));
        }
        return listens.isEmpty() ? List.of(new Listen("", port, false, false, false)) : List.copyOf(listens);
    }

    private static String listenAddress(Listen listen) {
        if (listen.ipv6()) {
            return "[" + (listen.address().isEmpty() ? "::" : listen.address()) + "]:" + listen.port();
        }
        return listen.address().isEmpty() ? Integer.toString(listen.port()) : listen.address() + ":" + listen.port();
    }

    private static HostPort hostPort(List<Listen> listens, int port) {
        Listen listen = listens.stream().filter(l -> !l.ssl() && l.port() == port && !l.ipv6()).findFirst()
                .or(() -> listens.stream().filter(l -> !l.ssl() && l.port() == port).findFirst())
                .orElse(new Listen("", port, false, false, false));
        return new HostPort(listen.connectHost(), port);
    }
}
