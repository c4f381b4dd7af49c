package dev.clockwork.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a task in code, on an action: a {@link TaskAction} class named with {@link Action}, or a method named
 * with {@link Action}. The task runs that action.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class Invoices {
 *     @Action("invoice.remind")
 *     @Recurring(name = "invoice.remind", trigger = "cron 0 9 * * MON-FRI", zone = "Europe/Paris")
 *     void remind(ActionContext context) { ... }
 * }
 * }</pre>
 *
 * <p>At deployment every node reconciles the declarations with the database, one node at a time: a new declaration
 * creates its task, an unchanged one changes nothing, a changed one replaces the task's definition (recorded in the
 * audit log with the old and new values), and a task whose declaration is gone is paused and marked no longer
 * declared, never deleted. A declaration counts as changed when one of these attributes changed in the code since
 * the deployment that applied it last; an operator's edit of the task lasts until then. A declaration that is not a
 * valid task (a bad trigger) is logged and skipped; the others are applied.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Recurring {

    /** The task's name, unique in the cluster: 1-200 characters of {@code [A-Za-z0-9._-]}. */
    String name();

    /** The trigger text, e.g. {@code "cron 0 9 * * MON-FRI"} or {@code "every 15m"}. */
    String trigger();

    /** The IANA zone the trigger is read in; empty for the configured default zone. */
    String zone() default "";

    /** The action's arguments as JSON, e.g. {@code "{\"days\": 30}"}; empty for none. */
    String args() default "";

    /** Higher runs first when several tasks are due at once. */
    int priority() default 0;

    /** Free text for operators. */
    String description() default "";

    /** How long a run may take, e.g. {@code "30s"} or {@code "PT5M"}; empty for no limit. */
    String timeout() default "";

    /** Runs of one fire in all, the first included; 1 means no retry. */
    int retryAttempts() default 1;

    /** The delay before the first retry, e.g. {@code "10s"}; empty for the default of {@link RetryPolicy#attempts}. */
    String retryBackoff() default "";

    /** What a fire claimed more than {@link #grace} after its time does. */
    Misfire misfire() default Misfire.FIRE_ONCE;

    /** How late a fire may be claimed and still be on time, e.g. {@code "1m"}; empty for the node's catch-up window. */
    String grace() default "";

    /** What a fire does while a run of the task is queued or running. */
    Overlap overlap() default Overlap.FORBID;
}
