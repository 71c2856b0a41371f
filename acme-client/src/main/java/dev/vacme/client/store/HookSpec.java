package dev.vacme.client.store;

/**
 * The hooks of a lineage, remembered for renewals. Null means "none".
 *
 * @param preHook    runs once before the first renewal of a run (e.g. stop the web server)
 * @param postHook   runs once after the renewals of a run (e.g. start it again)
 * @param deployHook runs after each successful renewal, with {@code RENEWED_LINEAGE}
 */
public record HookSpec(String preHook, String postHook, String deployHook) {

    /** No hooks. */
    public static final HookSpec NONE = new HookSpec(null, null, null);

    public HookSpec {
        preHook = blankToNull(preHook);
        postHook = blankToNull(postHook);
        deployHook = blankToNull(deployHook);
    }

    /** Returns these hooks with each one given in {@code override} replacing the remembered one. */
    public HookSpec overriddenBy(HookSpec override) {
        return new HookSpec(
                override.preHook != null ? override.preHook : preHook,
                override.postHook != null ? override.postHook : postHook,
                override.deployHook != null ? override.deployHook : deployHook);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
