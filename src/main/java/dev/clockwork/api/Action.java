package dev.clockwork.api;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.enterprise.util.Nonbinding;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names an action; tasks refer to it by this name. On a {@link TaskAction} bean class, the bean is the action. On a
 * method of a CDI bean (not a producer), the method is the action: its parameters are the {@link ActionContext}
 * and/or one type (a record, say) that the task's JSON arguments are mapped to by JSON-B, in any order; what it
 * returns is the execution's result, and an exception it throws fails the execution.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface Action {

    /** The action's name, e.g. {@code "report.send"}: 1-200 characters of {@code [A-Za-z0-9._-]}. */
    String value();

    /** What the action does, in a line, for operators choosing an action (the console's picker, the API). */
    @Nonbinding
    String description() default "";

    /** An {@code @Action} instance, for programmatic lookup. */
    final class Literal extends AnnotationLiteral<Action> implements Action {
        private static final long serialVersionUID = 1L;
        private final String value;

        public Literal(String value) {
            this.value = value;
        }

        @Override
        public String value() {
            return value;
        }

        @Override
        public String description() {
            return "";
        }
    }
}
