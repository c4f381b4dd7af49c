package dev.clockwork.actions;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on a 127.0.0.1 port to the machine's RabbitMQ, to take "the broker" down and bring it back at the same
 * address without stopping the real one, which other tests use: {@link #stop} closes the port and cuts every
 * connection, {@link #start} listens on the same port again.
 */
final class TcpProxy implements AutoCloseable {

    private final int targetPort;
    private final int port;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;

    TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            this.port = probe.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    void start() throws IOException {
        ServerSocket listening = new ServerSocket();
        listening.setReuseAddress(true);
        listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        server = listening;
        Thread accepting = new Thread(() -> {
            while (!listening.isClosed()) {
                try {
                    Socket client = listening.accept();
                    Socket broker = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    sockets.add(client);
                    sockets.add(broker);
                    pipe(client, broker);
                    pipe(broker, client);
                } catch (IOException e) {
                    return;
                }
            }
        }, "proxy-accept-" + port);
        accepting.setDaemon(true);
        accepting.start();
    }

    /** Closes the port and every relayed connection, as a broker that went away. */
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        for (Socket socket : sockets) {
            socket.close();
        }
        sockets.clear();
    }

    private void pipe(Socket from, Socket to) {
        Thread relay = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // The other side closed: the relay ends.
            } finally {
                try {
                    to.close();
                    from.close();
                } catch (IOException ignored) {
                    // Closing a socket that is already closed.
                }
            }
        }, "proxy-relay-" + port);
        relay.setDaemon(true);
        relay.start();
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
