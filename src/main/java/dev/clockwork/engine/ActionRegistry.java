package dev.clockwork.engine;

import dev.clockwork.api.Action;
import dev.clockwork.api.TaskAction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * The actions deployed on this node, by their {@link Action} names: {@link TaskAction} beans, and methods of beans
 * named with {@code @Action} ({@link Declarations}).
 */
@ApplicationScoped
public class ActionRegistry {

    @Inject
    @Any
    Instance<TaskAction> actions;
    @Inject
    BeanManager beans;
    @Inject
    Declarations declarations;

    /** What each action name resolved to; a deployment's beans do not change while it runs. */
    private final ConcurrentMap<String, Resolved> resolved = new ConcurrentHashMap<>();

    /** The names of the actions deployed here, sorted. */
    public SortedSet<String> names() {
        return new TreeSet<>(descriptions().keySet());
    }

    /** The actions deployed here with their descriptions ({@link Action#description()}, empty when none), by name. */
    public SortedMap<String, String> descriptions() {
        SortedMap<String, String> names = new TreeMap<>();
        beans.getBeans(TaskAction.class, Any.Literal.INSTANCE).forEach(bean -> bean.getQualifiers().stream()
                .filter(Action.class::isInstance)
                .map(Action.class::cast)
                .forEach(action -> names.put(action.value(), action.description())));
        declarations.methods().forEach((name, found) -> names.put(name, found.get(0).description()));
        return names;
    }

    public boolean isDeployed(String name) {
        return candidates(name) == 1;
    }

    /** How many beans and methods are named {@code name}: one is an action, more are ambiguous. */
    private int candidates(String name) {
        Instance<TaskAction> classes = actions.select(new Action.Literal(name));
        int classCount = classes.isResolvable() ? 1 : classes.isAmbiguous() ? 2 : 0;
        return classCount + declarations.methods().getOrDefault(name, List.of()).size();
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
        if (action.perRun().isEmpty()) {
            return Optional.empty();
        }
        PerRun instance = action.perRun().get().create();
        try {
            return Optional.of(work.apply(instance.action()));
        } finally {
            instance.release();
        }
    }

    /**
     * Resolves an action name once. An application-scoped or singleton action has one instance for the application's
     * life, kept here: a run calls it directly instead of through the client proxy, whose context lookup on every
     * call, with the per-run bean selection, costs short actions much of a node's CPU
     * (docs/decisions/014-resolve-actions-once.md). Any other action is created (and released) per run.
     */
    private Resolved resolve(String name) {
        if (candidates(name) != 1) {
            return new Resolved(Optional.empty(), Optional.empty());
        }
        List<Declarations.Found> methods = declarations.methods().getOrDefault(name, List.of());
        if (!methods.isEmpty()) {
            return resolveMethod(methods.get(0));
        }
        Instance<TaskAction> candidates = actions.select(new Action.Literal(name));
        Bean<?> bean = beans.resolve(beans.getBeans(TaskAction.class, new Action.Literal(name)));
        if (bean.getScope() == ApplicationScoped.class) {
            return new Resolved(Optional.of((TaskAction) contextualInstance(bean)), Optional.empty());
        }
        if (bean.getScope() == Singleton.class) {
            return new Resolved(Optional.of(candidates.get()), Optional.empty());
        }
        return new Resolved(Optional.empty(), Optional.of(() -> {
            Instance.Handle<TaskAction> handle = candidates.getHandle();
            return new PerRun(handle.get(), handle::destroy);
        }));
    }

    private Resolved resolveMethod(Declarations.Found found) {
        Bean<?> bean = found.bean();
        if (bean.getScope() == ApplicationScoped.class || bean.getScope() == Singleton.class) {
            return new Resolved(Optional.of(found.method().on(contextualInstance(bean))), Optional.empty());
        }
        if (bean.getScope() == Dependent.class) {
            return new Resolved(Optional.empty(), Optional.of(() -> dependent(bean, found.method())));
        }
        return new Resolved(Optional.empty(), Optional.of(() -> {
            CreationalContext<?> context = beans.createCreationalContext(bean);
            return new PerRun(found.method().on(beans.getReference(bean, bean.getBeanClass(), context)),
                    context::release);
        }));
    }

    private <T> PerRun dependent(Bean<T> bean, ActionMethod method) {
        CreationalContext<T> context = beans.createCreationalContext(bean);
        T instance = bean.create(context);
        return new PerRun(method.on(instance), () -> bean.destroy(instance, context));
    }

    private <T> T contextualInstance(Bean<T> bean) {
        return beans.getContext(bean.getScope()).get(bean, beans.createCreationalContext(bean));
    }

    /** An action name's shared instance, or how to make one per run; neither when no single action has the name. */
    private record Resolved(Optional<TaskAction> shared, Optional<PerRunFactory> perRun) {
    }

    @FunctionalInterface
    private interface PerRunFactory {
        PerRun create();
    }

    /** An action instance made for one run, and how to release it. */
    private record PerRun(TaskAction action, Runnable releaser) {
        void release() {
            releaser.run();
        }
    }

    /** Why an action cannot be found, for the execution's error. */
    public String notFoundMessage(String name, String node) {
        Set<String> deployed = names();
        String ambiguity = candidates(name) > 1
                ? "Several beans or methods are named @Action(\"" + name + "\"); keep one. " : "";
        return ambiguity + "No action named \"" + name + "\" is deployed on node " + node + ". Deployed actions: "
                + (deployed.isEmpty() ? "none" : String.join(", ", deployed))
                + ". Deploy a bean annotated @Action(\"" + name + "\") or change the task's action.";
    }
}
