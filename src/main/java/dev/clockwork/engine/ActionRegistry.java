package dev.clockwork.engine;

import dev.clockwork.api.Action;
import dev.clockwork.api.TaskAction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/** The {@link TaskAction} beans deployed on this node, by their {@link Action} names. */
@ApplicationScoped
public class ActionRegistry {

    @Inject
    @Any
    Instance<TaskAction> actions;
    @Inject
    BeanManager beans;

    /** What each action name resolved to; a deployment's beans do not change while it runs. */
    private final ConcurrentMap<String, Resolved> resolved = new ConcurrentHashMap<>();

    /** The names of the actions deployed here, sorted. */
    public SortedSet<String> names() {
        SortedSet<String> names = new TreeSet<>();
        beans.getBeans(TaskAction.class, Any.Literal.INSTANCE).forEach(bean -> bean.getQualifiers().stream()
                .filter(Action.class::isInstance)
                .map(q -> ((Action) q).value())
                .forEach(names::add));
        return names;
    }

    public boolean isDeployed(String name) {
        return actions.select(new Action.Literal(name)).isResolvable();
    }

    /**
     * Runs {@code work} with the action of that name, releasing a dependent-scoped bean afterwards.
     *
     * @return empty when no single action of that name is deployed
     */
    public <R> Optional<R> withAction(String name, Function<TaskAction, R> work) {
        Resolved action = resolved.computeIfAbsent(name, this::resolve);
        if (action.shared().isPresent()) {
            return Optional.of(work.apply(action.shared().get()));
        }
        if (action.candidates().isEmpty()) {
            return Optional.empty();
        }
        Instance.Handle<TaskAction> handle = action.candidates().get().getHandle();
        try {
            return Optional.of(work.apply(handle.get()));
        } finally {
            handle.destroy();
        }
    }

    /**
     * Resolves an action name once. An application-scoped or singleton action has one instance for the application's
     * life, kept here: a run calls it directly instead of through the client proxy, whose context lookup on every
     * call, with the per-run bean selection, costs short actions much of a node's CPU
     * (docs/decisions/014-resolve-actions-once.md). Any other action is created (and released) per run.
     */
    private Resolved resolve(String name) {
        Instance<TaskAction> candidates = actions.select(new Action.Literal(name));
        if (!candidates.isResolvable()) {
            return new Resolved(Optional.empty(), Optional.empty());
        }
        Bean<?> bean = beans.resolve(beans.getBeans(TaskAction.class, new Action.Literal(name)));
        if (bean.getScope() == ApplicationScoped.class) {
            return new Resolved(Optional.of(candidates), Optional.of((TaskAction) contextualInstance(bean)));
        }
        if (bean.getScope() == Singleton.class) {
            return new Resolved(Optional.of(candidates), Optional.of(candidates.get()));
        }
        return new Resolved(Optional.of(candidates), Optional.empty());
    }

    private <T> T contextualInstance(Bean<T> bean) {
        return beans.getContext(bean.getScope()).get(bean, beans.createCreationalContext(bean));
    }

    /** An action name's beans, when one resolves, and its shared instance when it has one. */
    private record Resolved(Optional<Instance<TaskAction>> candidates, Optional<TaskAction> shared) {
    }

    /** Why an action cannot be found, for the execution's error. */
    public String notFoundMessage(String name, String node) {
        Set<String> deployed = names();
        String ambiguity = actions.select(new Action.Literal(name)).isAmbiguous()
                ? "Several beans are named @Action(\"" + name + "\"); keep one. " : "";
        return ambiguity + "No action named \"" + name + "\" is deployed on node " + node + ". Deployed actions: "
                + (deployed.isEmpty() ? "none" : String.join(", ", deployed))
                + ". Deploy a bean annotated @Action(\"" + name + "\") or change the task's action.";
    }
}
