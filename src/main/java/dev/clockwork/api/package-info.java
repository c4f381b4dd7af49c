/**
 * What other code uses: the {@link dev.clockwork.api.Scheduler} bean, task specs and views, and the
 * {@link dev.clockwork.api.TaskAction} contract that application beans implement.
 *
 * <h2>Vocabulary</h2>
 * <dl>
 * <dt>task</dt><dd>a named, persistent timer: a trigger, a zone, an action and its arguments.</dd>
 * <dt>trigger</dt><dd>one line of text ({@code cron ...}, {@code at ...}, {@code every ...}, {@code in ...}) that
 *   says when a task fires.</dd>
 * <dt>fire time</dt><dd>an instant at which the trigger says the task is due; each fire runs at most once.</dd>
 * <dt>misfire</dt><dd>a fire time that passed while no node could run it (downtime); it fires once, late.</dd>
 * <dt>claim</dt><dd>a node taking due fires in one short transaction, so that no other node takes them; one such
 *   transaction is a claim round, and each fire it took is a claimed fire, owned by that node until its execution
 *   ends or the node is declared dead and another takes it over.</dd>
 * <dt>node</dt><dd>one application server running Clockwork against the shared database.</dd>
 * <dt>execution</dt><dd>one attempt of one fire: its node, timings, status, result or error.</dd>
 * </dl>
 */
package dev.clockwork.api;
