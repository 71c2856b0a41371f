package dev.vacme.client.store;

import java.util.List;
import java.util.Objects;

/**
 * The hooks of a lineage, remembered for renewals. Each kind may hold several commands, run in
 * the order given (two web servers, two deploy hooks); blank commands are dropped.
 *
 * @param preHooks    run once each before the first renewal of a run (e.g. stop the web server)
 * @param postHooks   run once each after the renewals of a run (e.g. start it again)
 * @param deployHooks run after each successful renewal and installation, with {@code RENEWED_LINEAGE}
 */
public record HookSpec(List<String> preHooks, List<String> postHooks, List<String> deployHooks) {

    /** No hooks. */
    public static final HookSpec NONE = new HookSpec(List.of(), List.of(), List.of());

    public HookSpec {
        preHooks = clean(preHooks);
        postHooks = clean(postHooks);
        deployHooks = clean(deployHooks);
    }

    /** Creates hooks of one command each; null means none of that kind. */
    public HookSpec(String preHook, String postHook, String deployHook) {
        this(single(preHook), single(postHook), single(deployHook));
    }

    /** Returns these hooks with each kind given in {@code override} replacing the remembered ones of that kind. */
    public HookSpec overriddenBy(HookSpec override) {
        return new HookSpec(
                override.preHooks.isEmpty() ? preHooks : override.preHooks,
                override.postHooks.isEmpty() ? postHooks : override.postHooks,
                override.deployHooks.isEmpty() ? deployHooks : override.deployHooks);
    }

    /** Returns true when no hook of any kind is set. */
    public boolean isEmpty() {
        return preHooks.isEmpty() && postHooks.isEmpty() && deployHooks.isEmpty();
    }

    private static List<String> single(String command) {
        return command == null ? List.of() : List.of(command);
    }

    private static List<String> clean(List<String> commands) {
        return commands == null ? List.of()
                : commands.stream().filter(Objects::nonNull).filter(c -> !c.isBlank()).toList();
    }
}
