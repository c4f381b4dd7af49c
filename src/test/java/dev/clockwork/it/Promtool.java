package dev.clockwork.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Prometheus's own linter, {@code promtool check metrics}, on a scrape. Without promtool (Debian package
 * {@code prometheus}) the calling test is reported skipped, never passed; {@code .ci/run} installs it.
 */
final class Promtool {

    /** promtool on the PATH, as {@code .ci/run} looks for it. */
    private static final Optional<Path> PROMTOOL = Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin")
                    .split(File.pathSeparator)).map(dir -> Path.of(dir, "promtool")).filter(Files::isExecutable)
            .findFirst();

    private Promtool() {
    }

    /** Fails the test with promtool's complaints unless it accepts {@code exposition}. */
    static void assertAccepts(String exposition) throws IOException, InterruptedException {
        Assumptions.assumeTrue(PROMTOOL.isPresent(), "promtool is not on the PATH (apt-get install -y prometheus);"
                + " the scrape's format was not checked");
        Process promtool = new ProcessBuilder(PROMTOOL.get().toString(), "check", "metrics").redirectErrorStream(true)
                .start();
        try (OutputStream in = promtool.getOutputStream()) {
            in.write(exposition.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).as("promtool ended").isTrue();
        assertThat(promtool.exitValue()).as("promtool check metrics said:%n%s", output).isZero();
        assertThat(output).as("promtool check metrics said:%n%s", output).isBlank();
    }
}
