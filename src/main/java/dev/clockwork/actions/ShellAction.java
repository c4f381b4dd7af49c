package dev.clockwork.actions;

import dev.clockwork.api.Action;
import dev.clockwork.api.ActionContext;
import dev.clockwork.api.TaskAction;
import dev.clockwork.engine.BuiltInArgs;
import dev.clockwork.engine.rules.ActionsConfig;
import dev.clockwork.engine.rules.ShellCommand;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program with its arguments directly, never through a shell ({@link ShellCommand}): {@code {"argv":
 * ["/usr/bin/pg_dump", "-f", "/backups/{db}.sql", "{db}"], "db": "sales", "cwd": "/backups", "env": {"PGHOST":
 * "db1"}}}. Its stdout and stderr, interleaved, go to a temporary file whose last lines become the execution's report;
 * exit code 0 succeeds, any other fails with the code and the last lines. An interrupt (the task's timeout, or the
 * node's shutdown) kills the program and every process it started. Off unless the server allows it
 * ({@link ActionsConfig}): the check is made again at every run, as the settings may have changed since the task was
 * saved.
 */
@ApplicationScoped
@Action(BuiltInArgs.SHELL)
public class ShellAction implements TaskAction {

    /** Most characters of output kept in the report (the report column holds 8,000). */
    static final int REPORT_CHARS = 7000;
    /** Most characters of output quoted in the error of a failed run (the error column holds 4,000). */
    static final int ERROR_CHARS = 2000;
    /** How long a killed program may take to die before the run gives up waiting. */
    private static final long KILL_WAIT_SECONDS = 5;

    @Inject
    ActionsConfig config;

    @Override
    public Object run(ActionContext context) throws IOException, InterruptedException {
        ShellCommand command = BuiltInArgs.shell(Optional.of(context.argsJson()));
        command.checkAllowed(config);
        ProcessBuilder builder = new ProcessBuilder(command.resolvedArgv()).redirectErrorStream(true);
        command.cwd().map(File::new).ifPresent(builder::directory);
        Map<String, String> env = builder.environment();
        env.keySet().retainAll(ShellCommand.INHERITED);
        env.putAll(command.env());
        Path output = Files.createTempFile("clockwork-shell-", ".out");
        try {
            builder.redirectOutput(output.toFile());
            Process process = builder.start();
            int code;
            try {
                process.getOutputStream().close();
                code = process.waitFor();
            } finally {
                if (process.isAlive()) {
                    killTree(process);
                    tail(output, REPORT_CHARS).forEach(context::report);
                }
            }
            List<String> lines = tail(output, REPORT_CHARS);
            lines.forEach(context::report);
            if (code != 0) {
                throw new IllegalStateException(command.program() + " exited with code " + code
                        + (lines.isEmpty() ? " and no output" : "; its last lines:\n"
                        + String.join("\n", tail(output, ERROR_CHARS))));
            }
            return "exit code 0" + (lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Kills the program and its descendants, which are listed first: once it is dead its children are orphans. */
    static void killTree(Process process) throws InterruptedException {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        boolean interrupted = Thread.interrupted();
        try {
            process.waitFor(KILL_WAIT_SECONDS, TimeUnit.SECONDS);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The last whole lines of {@code file} that fit in {@code most} characters. */
    static List<String> tail(Path file, int most) throws IOException {
        byte[] bytes;
        boolean cut;
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            int read = (int) Math.min(length, most * 4L);
            cut = read < length;
            bytes = new byte[read];
            in.seek(length - read);
            in.readFully(bytes);
        }
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\r?\n", -1);
        Deque<String> kept = new ArrayDeque<>();
        int size = 0;
        int first = cut ? 1 : 0;
        int last = lines.length - 1;
        if (last >= first && lines[last].isEmpty()) {
            last--;
        }
        for (int i = last; i >= first; i--) {
            size += lines[i].length() + 1;
            if (size > most) {
                break;
            }
            kept.addFirst(lines[i]);
        }
        return List.copyOf(kept);
    }
}
