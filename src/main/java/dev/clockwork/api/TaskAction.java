package dev.clockwork.api;

/**
 * The code a task runs. Implement it in a CDI bean and name it with {@link Action}:
 *
 * <pre>{@code
 * @ApplicationScoped
 * @Action("report.send")
 * public class SendReport implements TaskAction {
 *     public Object run(ActionContext context) {
 *         ReportArgs args = context.args(ReportArgs.class);
 *         context.report("sending to " + args.recipient());
 *         return "sent";
 *     }
 * }
 * }</pre>
 *
 * <p>Actions run on a managed thread, outside any transaction. A fire may run again after a node dies mid-run
 * (a new attempt of the same fire): use {@link ActionContext#idempotencyKey()} to make side effects safe to repeat.
 */
@FunctionalInterface
public interface TaskAction {

    /**
     * Runs one execution.
     *
     * @return the result to store (a {@code String} as is, anything else as JSON), or {@code null} for none
     * @throws Exception to fail the execution; its message and stack trace are stored
     */
    Object run(ActionContext context) throws Exception;
}
