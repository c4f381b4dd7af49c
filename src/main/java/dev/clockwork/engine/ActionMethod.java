package dev.clockwork.engine;

import dev.clockwork.api.ActionContext;
import dev.clockwork.api.TaskAction;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.Optional;

/**
 * A method named with {@link dev.clockwork.api.Action}, run as a {@link TaskAction} on an instance of its bean: each
 * parameter gets the {@link ActionContext} or the task's arguments mapped by JSON-B to the parameter's type.
 */
final class ActionMethod {

    private final Method method;
    private final Optional<Class<?>> argsType;

    private ActionMethod(Method method, Optional<Class<?>> argsType) {
        this.method = method;
        this.argsType = argsType;
        method.setAccessible(true);
    }

    /**
     * The method as an action.
     *
     * @throws IllegalArgumentException when it has more than one parameter besides the context: which one would the
     *     arguments go to?
     */
    static ActionMethod of(Method method) {
        Class<?>[] others = Arrays.stream(method.getParameters()).map(Parameter::getType)
                .filter(type -> type != ActionContext.class).toArray(Class<?>[]::new);
        if (others.length > 1) {
            throw new IllegalArgumentException("Action method " + where(method) + " has " + others.length
                    + " parameters besides the ActionContext; give it at most one, e.g. a record of the task's"
                    + " arguments: void run(ActionContext context, Args args)");
        }
        return new ActionMethod(method, others.length == 0 ? Optional.empty() : Optional.of(others[0]));
    }

    static String where(Method method) {
        return method.getDeclaringClass().getName() + "#" + method.getName();
    }

    /** The action calling this method on {@code target}. */
    TaskAction on(Object target) {
        return context -> call(target, context);
    }

    private Object call(Object target, ActionContext context) throws Exception {
        Object args = argsType.map(context::args).orElse(null);
        Object[] values = Arrays.stream(method.getParameterTypes())
                .map(type -> type == ActionContext.class ? context : args).toArray();
        try {
            return method.invoke(target, values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
