package dev.clockwork.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** From the first start to the last finish of the executions an in-process contender runs, and how many ran. */
final class Span {

    private final AtomicLong firstStart = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastFinish = new AtomicLong(Long.MIN_VALUE);
    private final AtomicInteger finished = new AtomicInteger();
    private final ConcurrentLinkedQueue<Long> latenessMs = new ConcurrentLinkedQueue<>();

    void started() {
        long now = System.nanoTime();
        firstStart.accumulateAndGet(now, Math::min);
    }

    /** An execution due at {@code scheduled} started now. */
    void started(Instant scheduled) {
        started();
        latenessMs.add(Duration.between(scheduled, Instant.now()).toMillis());
    }

    /** The lateness of every execution started with its scheduled time, in ms, sorted. */
    List<Long> latenessMs() {
        List<Long> sorted = new ArrayList<>(latenessMs);
        Collections.sort(sorted);
        return sorted;
    }

    void finished() {
        long now = System.nanoTime();
        lastFinish.accumulateAndGet(now, Math::max);
        finished.incrementAndGet();
    }

    int count() {
        return finished.get();
    }

    double perSecond() {
        return finished.get() / ((lastFinish.get() - firstStart.get()) / 1e9);
    }

    /** Waits until {@code expected} executions finished; fails after {@code timeoutSeconds}. */
    void await(int expected, long timeoutSeconds, String who) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (finished.get() < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(who + " finished " + finished.get() + " of " + expected
                        + " executions within " + timeoutSeconds + " s");
            }
            Thread.sleep(5);
        }
    }
}
