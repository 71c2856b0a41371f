package dev.vacme.client.challenge;

import dev.vacme.client.hook.HookResult;
import dev.vacme.client.hook.HookRunner;
import dev.vacme.common.model.Challenge;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Publishes challenge responses through the operator's scripts (certbot's {@code --manual} with
 * {@code --manual-auth-hook} and {@code --manual-cleanup-hook}), for http-01 or dns-01. The hooks
 * get certbot's variables, so existing scripts work unchanged: {@code CERTBOT_DOMAIN},
 * {@code CERTBOT_VALIDATION}, {@code CERTBOT_TOKEN} (http-01), {@code CERTBOT_REMAINING_CHALLENGES},
 * {@code CERTBOT_ALL_DOMAINS}, and for the cleanup hook {@code CERTBOT_AUTH_OUTPUT}.
 */
public final class ManualAuthenticator implements Authenticator {

    private final List<String> challengeTypes;
    private final String authHook;
    private final String cleanupHook;
    private final HookRunner hooks;
    private final Consumer<String> log;
    private final Map<ChallengeTask, String> authOutputs = new LinkedHashMap<>();

    /**
     * Creates the authenticator.
     *
     * @param challengeTypes {@code http-01} and/or {@code dns-01}, preferred first
     * @param authHook      publishes one response
     * @param cleanupHook   removes one response; may be null
     * @param hooks         runs the commands
     * @param log           where verbose messages and cleanup problems go
     */
    public ManualAuthenticator(List<String> challengeTypes, String authHook, String cleanupHook, HookRunner hooks,
            Consumer<String> log) {
        this.challengeTypes = List.copyOf(challengeTypes);
        this.authHook = authHook;
        this.cleanupHook = cleanupHook;
        this.hooks = hooks;
        this.log = log;
    }

    @Override
    public String name() {
        return "manual";
    }

    @Override
    public List<String> challengeTypes() {
        return challengeTypes;
    }

    @Override
    public void perform(List<ChallengeTask> tasks) {
        for (int i = 0; i < tasks.size(); i++) {
            ChallengeTask task = tasks.get(i);
            authOutputs.put(task, "");
            HookResult result = hooks.run(authHook, variables(task, tasks, tasks.size() - i - 1));
            authOutputs.put(task, result.stdout().strip());
            if (!result.succeeded()) {
                throw new AuthenticatorException(hooks.describeFailure("manual-auth-hook", result));
            }
            log.accept("manual-auth-hook published " + task.type() + " for " + task.domain());
        }
    }

    @Override
    public void cleanup(List<ChallengeTask> tasks) {
        if (cleanupHook != null && !cleanupHook.isBlank()) {
            int remaining = authOutputs.size();
            for (Map.Entry<ChallengeTask, String> entry : authOutputs.entrySet()) {
                Map<String, String> variables = variables(entry.getKey(), tasks, --remaining);
                variables.put("CERTBOT_AUTH_OUTPUT", entry.getValue());
                HookResult result = hooks.run(cleanupHook, variables);
                if (!result.succeeded()) {
                    log.accept(hooks.describeFailure("manual-cleanup-hook", result));
                }
            }
        }
        authOutputs.clear();
    }

    private static Map<String, String> variables(ChallengeTask task, List<ChallengeTask> all, int remaining) {
        Map<String, String> variables = new HashMap<>();
        variables.put("CERTBOT_DOMAIN", task.domain());
        variables.put("CERTBOT_VALIDATION", task.validation());
        if (Challenge.HTTP_01.equals(task.type())) {
            variables.put("CERTBOT_TOKEN", task.token());
        }
        variables.put("CERTBOT_REMAINING_CHALLENGES", Integer.toString(remaining));
        variables.put("CERTBOT_ALL_DOMAINS", all.stream().map(ChallengeTask::domain).distinct()
                .collect(Collectors.joining(",")));
        return variables;
    }
}
