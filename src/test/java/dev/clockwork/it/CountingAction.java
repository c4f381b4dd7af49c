package dev.clockwork.it;

import dev.clockwork.api.Action;
import dev.clockwork.api.ActionContext;
import dev.clockwork.api.TaskAction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.Dependent;
import java.util.concurrent.atomic.AtomicInteger;

/** A dependent-scoped test action: the engine creates one per run and releases it after; both are counted. */
@Dependent
@Action("it.counting")
public class CountingAction implements TaskAction {

    static final AtomicInteger CREATED = new AtomicInteger();
    static final AtomicInteger RELEASED = new AtomicInteger();

    private final int instance = CREATED.incrementAndGet();

    @Override
    public Object run(ActionContext context) {
        return "instance " + instance;
    }

    @PreDestroy
    void release() {
        RELEASED.incrementAndGet();
    }
}
