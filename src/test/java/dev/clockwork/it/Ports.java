package dev.clockwork.it;

import java.io.IOException;
import java.net.ServerSocket;

/** Ports of 127.0.0.1 for servers that tests start. */
final class Ports {

    private Ports() {
    }

    /** Whether nothing listens on {@code port} now. */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
