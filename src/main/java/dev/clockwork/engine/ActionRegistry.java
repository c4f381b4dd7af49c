package dev.clockwork.engine;

import dev.clockwork.api.Action;
import dev.clockwork.api.TaskAction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/** The {@link TaskAction} beans deployed on this node, by their {@link Action} names. */
@ApplicationScoped
public class ActionRegistry {

    @Inject
    @Any
    Instance<TaskAction> actions;
    @Inject
    BeanManager beans;

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
        Instance<TaskAction> candidates = actions.select(new Action.Literal(name));
        if (!candidates.isResolvable()) {
            return Optional.empty();
        }
        Instance.Handle<TaskAction> handle = candidates.getHandle();
        try {
            return Optional.of(work.apply(handle.get()));
        } finally {
            handle.destroy();
        }
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
