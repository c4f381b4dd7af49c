package dev.clockwork.api;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Names a {@link TaskAction} bean; tasks refer to the action by this name. */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface Action {

    /** The action's name, e.g. {@code "report.send"}: 1-200 characters of {@code [A-Za-z0-9._-]}. */
    String value();

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
    }
}
