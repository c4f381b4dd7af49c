package dev.clockwork.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets this JVM listens on, read from Linux's {@code /proc}: the process's socket inodes from
 * {@code /proc/self/fd}, matched against the listening rows of {@code /proc/self/net/tcp} and {@code tcp6}.
 */
final class ListeningSockets {

    /** One listening socket: its address in /proc's hex form, decoded, and its port. */
    record Listener(String address, int port, boolean loopback) {
        @Override
        public String toString() {
            return address + ":" + port;
        }
    }

    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    static List<Listener> ofThisProcess() throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException gone) {
                    // The descriptor closed while listing: not a listener that matters.
                }
            });
        }
        List<Listener> listeners = new ArrayList<>();
        for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.exists(path)) {
                continue;
            }
            for (String line : Files.readAllLines(path).subList(1, Files.readAllLines(path).size())) {
                String[] columns = line.trim().split("\\s+");
                if (columns[3].equals(LISTEN) && inodes.contains(columns[9])) {
                    String[] local = columns[1].split(":");
                    listeners.add(new Listener(local[0], Integer.parseInt(local[1], 16), isLoopback(local[0])));
                }
            }
        }
        return listeners;
    }

    /** 127.x.x.x (little-endian hex, so its last byte is 7F), ::1, or 127.x.x.x mapped into IPv6. */
    private static boolean isLoopback(String hex) {
        if (hex.length() == 8) {
            return hex.endsWith("7F");
        }
        return hex.equals("00000000000000000000000001000000")
                || (hex.startsWith("0000000000000000FFFF0000") && hex.endsWith("7F"));
    }
}
