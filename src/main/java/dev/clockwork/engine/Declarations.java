package dev.clockwork.engine;

import dev.clockwork.api.Action;
import dev.clockwork.api.Recurring;
import dev.clockwork.api.TaskAction;
import dev.clockwork.engine.rules.DeclaredTask;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A CDI extension that finds, as the container discovers the application's beans, the methods named with
 * {@link Action} (method actions) and the tasks declared with {@link Recurring}. A misplaced annotation fails the
 * deployment with a message saying how to fix it.
 */
public class Declarations implements Extension {

    /** A method action: its bean and method. */
    record Found(String name, String description, Bean<?> bean, ActionMethod method) {
    }

    private final Map<String, List<Found>> methods = new TreeMap<>();
    private final List<DeclaredTask> tasks = new ArrayList<>();

    <T> void discover(@Observes ProcessManagedBean<T> event) {
        AnnotatedType<T> type = event.getAnnotatedBeanClass();
        Recurring onClass = type.getAnnotation(Recurring.class);
        if (onClass != null) {
            Action action = type.getAnnotation(Action.class);
            if (action == null || !TaskAction.class.isAssignableFrom(type.getJavaClass())) {
                event.addDefinitionError(new IllegalArgumentException("@Recurring on " + type.getJavaClass().getName()
                        + " needs an action: put it on a TaskAction class named with @Action, or on a method named"
                        + " with @Action"));
            } else {
                tasks.add(DeclaredTask.of(onClass, action.value(), type.getJavaClass().getName()));
            }
        }
        for (AnnotatedMethod<? super T> method : type.getMethods()) {
            Action action = method.getAnnotation(Action.class);
            Recurring recurring = method.getAnnotation(Recurring.class);
            if (action == null || method.isAnnotationPresent(Produces.class)) {
                if (recurring != null) {
                    event.addDefinitionError(new IllegalArgumentException("@Recurring on "
                            + ActionMethod.where(method.getJavaMember()) + " needs @Action(\"name\") on the same"
                            + " method"));
                }
                continue;
            }
            try {
                methods.computeIfAbsent(action.value(), name -> new ArrayList<>()).add(new Found(action.value(),
                        action.description(), event.getBean(), ActionMethod.of(method.getJavaMember())));
            } catch (IllegalArgumentException e) {
                event.addDefinitionError(e);
            }
            if (recurring != null) {
                tasks.add(DeclaredTask.of(recurring, action.value(), ActionMethod.where(method.getJavaMember())));
            }
        }
    }

    /** The method actions, by name; a name with several methods is ambiguous. */
    Map<String, List<Found>> methods() {
        return methods;
    }

    /** The tasks declared in this deployment. */
    List<DeclaredTask> tasks() {
        return List.copyOf(tasks);
    }
}
