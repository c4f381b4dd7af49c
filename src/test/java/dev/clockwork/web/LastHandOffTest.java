package dev.clockwork.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clockwork.api.ExecutionInfo;
import dev.clockwork.api.ExecutionKind;
import dev.clockwork.api.ExecutionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A queue task's page shows the id of the message its latest successful run handed to the broker. */
class LastHandOffTest {

    private static final Instant NINE = Instant.parse("2030-06-03T09:00:00Z");

    @Test
    void the_last_id_should_come_from_the_newest_successful_run_of_a_queue_task() {
        List<ExecutionInfo> newestFirst = List.of(run(NINE.plusSeconds(120), ExecutionStatus.FAILED, null),
                run(NINE.plusSeconds(60), ExecutionStatus.SUCCEEDED, "{\"messageId\":\"m@2\"}"),
                run(NINE, ExecutionStatus.SUCCEEDED, "{\"messageId\":\"m@1\"}"));

        assertThat(LastHandOff.id("amqp", newestFirst)).contains("m@2");
        assertThat(LastHandOff.id("celery", List.of(run(NINE, ExecutionStatus.SUCCEEDED,
                "{\"celeryTaskId\":\"c@1\"}")))).contains("c@1");
        assertThat(LastHandOff.id("celery", List.of(run(NINE, ExecutionStatus.SUCCEEDED, "42"))))
                .as("an awaited run keeps the returned value; the fire's key is the task id").contains("t@" + NINE);
        assertThat(LastHandOff.id("amqp", List.of(run(NINE, ExecutionStatus.FAILED, null)))).isEmpty();
        assertThat(LastHandOff.id("http", newestFirst)).isEmpty();
    }

    private static ExecutionInfo run(Instant fireTime, ExecutionStatus status, String result) {
        return new ExecutionInfo(1, "t", fireTime, 1, ExecutionKind.SCHEDULED, Optional.of("n"), status,
                Optional.of(fireTime), Optional.of(fireTime), Optional.ofNullable(result), Optional.empty(),
                Optional.empty(), List.of(), Optional.empty(), Optional.empty());
    }
}
