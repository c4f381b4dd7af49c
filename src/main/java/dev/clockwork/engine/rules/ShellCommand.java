package dev.clockwork.engine.rules;

import dev.clockwork.api.SchedulerException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code shell} task runs: a program and its arguments, run directly (never through a shell), with
 * {@code {name}} placeholders replaced by the task's argument values. A value is put in as literal text inside the one
 * argument that holds its placeholder, so spaces, quotes or {@code ;} in it never make another argument or command.
 *
 * @param argv the program (first, never a placeholder) and its arguments
 * @param cwd the working directory, or the server's
 * @param env variables added to the few passed from the server ({@link #INHERITED})
 * @param values the task's other arguments, by name, for the placeholders
 */
public record ShellCommand(List<String> argv, Optional<String> cwd, Map<String, String> env,
                           Map<String, String> values) {

    /** The server's variables a program gets; the others (database passwords...) stay with the server. */
    public static final List<String> INHERITED = List.of("PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_.-]+)}");
    private static final String EXAMPLE = "{\"argv\": [\"/usr/bin/pg_dump\", \"-f\", \"/backups/{db}.sql\", \"{db}\"],"
            + " \"db\": \"sales\"}";

    public ShellCommand {
        if (argv == null || argv.isEmpty() || argv.get(0) == null || argv.get(0).isBlank()) {
            throw SchedulerException.invalid("args.argv", "A shell task needs \"argv\": the program and its"
                    + " arguments as a list of strings, e.g. " + EXAMPLE);
        }
        if (argv.stream().anyMatch(java.util.Objects::isNull)) {
            throw SchedulerException.invalid("args.argv", "Every item of \"argv\" must be a string; e.g. " + EXAMPLE);
        }
        if (PLACEHOLDER.matcher(argv.get(0)).find()) {
            throw SchedulerException.invalid("args.argv", "The program (argv[0] \"" + argv.get(0) + "\") must be"
                    + " written out, not a placeholder, so that the allow-list decides what runs.");
        }
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
        values = Map.copyOf(values);
        resolve(argv, values);
    }

    /** The program. */
    public String program() {
        return argv.get(0);
    }

    /**
     * The arguments with each {@code {name}} replaced by the value named so, as one literal piece of its argument.
     *
     * @throws SchedulerException INVALID {@code args.argv} naming a placeholder with no value
     */
    public List<String> resolvedArgv() {
        return resolve(argv, values);
    }

    private static List<String> resolve(List<String> argv, Map<String, String> values) {
        List<String> resolved = new ArrayList<>(argv.size());
        for (String arg : argv) {
            Matcher matcher = PLACEHOLDER.matcher(arg);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                String name = matcher.group(1);
                String value = values.get(name);
                if (value == null) {
                    throw SchedulerException.invalid("args.argv", "Argument \"" + arg + "\" names {" + name
                            + "}, but the task has no argument \"" + name + "\"; add it beside argv, e.g. {\"argv\":"
                            + " [...], \"" + name + "\": \"value\"}.");
                }
                matcher.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            matcher.appendTail(out);
            resolved.add(out.toString());
        }
        return List.copyOf(resolved);
    }

    /**
     * Checks that this server lets the command run.
     *
     * @throws SchedulerException INVALID, saying which setting to change
     */
    public void checkAllowed(ActionsConfig config) {
        if (!config.shellEnabled()) {
            throw SchedulerException.invalid("action", "The shell action is off on this server. An admin turns it on"
                    + " with the setting clockwork.shell.enabled=true (environment CLOCKWORK_SHELL_ENABLED=true) and"
                    + " lists the programs tasks may run in clockwork.shell.allow (CLOCKWORK_SHELL_ALLOW), e.g."
                    + " /usr/bin/pg_dump,/usr/local/bin/report.sh; then restarts the server.");
        }
        if (!config.shellAllow().contains(program())) {
            throw SchedulerException.invalid("args.argv", "Program \"" + program() + "\" is not in"
                    + " clockwork.shell.allow (" + (config.shellAllow().isEmpty() ? "empty"
                    : String.join(",", new java.util.TreeSet<>(config.shellAllow()))) + "). Write it exactly as"
                    + " listed there, or have an admin add it to clockwork.shell.allow (CLOCKWORK_SHELL_ALLOW).");
        }
    }
}
