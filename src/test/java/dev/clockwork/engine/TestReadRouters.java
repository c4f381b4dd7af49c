package dev.clockwork.engine;

import dev.clockwork.engine.rules.ReadConfig;
import dev.clockwork.store.ReadReplica;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/** {@link ReadRouter}s on a replica the test plays, measuring on the calling thread. */
final class TestReadRouters {

    private TestReadRouters() {
    }

    /** A replica that is configured and shows what {@code seen} says (or throws what it throws). */
    static final class PlayedReplica implements ReadReplica {
        Supplier<Optional<Instant>> seen = Optional::empty;
        boolean configured = true;

        @Override
        public boolean configured() {
            return configured;
        }

        @Override
        public String dataSourceName() {
            return "jdbc/clockwork-read";
        }

        @Override
        public Optional<Instant> heartbeatSeen(String nodeId, Duration timeout) {
            return seen.get();
        }

        @Override
        public void beginReads(ReadPermit permit) {
        }

        @Override
        public ReadSource endReads() {
            return ReadSource.NONE;
        }
    }

    static ReadRouter router(ReadReplica replica, Clock clock) {
        ReadRouter router = new ReadRouter();
        router.replica = replica;
        router.config = ReadConfig.defaults();
        router.clock = clock;
        router.node = new NodeIdentity() {
            @Override
            public String id() {
                return "node-1";
            }
        };
        router.executor = (ManagedExecutorService) Proxy.newProxyInstance(ManagedExecutorService.class
                .getClassLoader(), new Class<?>[] {ManagedExecutorService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("execute")) {
                        ((Runnable) args[0]).run();
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        router.start();
        return router;
    }
}
