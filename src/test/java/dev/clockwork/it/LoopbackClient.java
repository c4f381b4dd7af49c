package dev.clockwork.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * HTTP/1.1 requests from a loopback address of the test's own (127.x.y.z): the server throttles failed logins per
 * address, so a test that fails logins on purpose does it from an address no other test uses. Plain sockets, as
 * {@code java.net.http} cannot choose the local address.
 */
final class LoopbackClient {

    private final URI root;
    private final String address;

    /** @param root the application's root, e.g. {@code http://127.0.0.1:8080/clockwork/} */
    LoopbackClient(URI root) {
        this.root = root;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        this.address = "127." + random.nextInt(1, 255) + "." + random.nextInt(1, 255) + "." + random.nextInt(2, 255);
    }

    String address() {
        return address;
    }

    /** A GET of {@code api/<path>} with Basic credentials. */
    Reply get(String path, String username, String password) {
        String credentials = Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        URI uri = root.resolve("api/" + path);
        String request = "GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nAuthorization: Basic " + credentials + "\r\nConnection: close\r\n\r\n";
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(address, 0));
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return Reply.parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException("Request from " + address + " failed", e);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The status, the head (status line and headers) and the body (chunked encoding left as it came). */
    record Reply(int status, String head, String body) {

        static Reply parse(String response) {
            int end = response.indexOf("\r\n\r\n");
            String head = end < 0 ? response : response.substring(0, end);
            String body = end < 0 ? "" : response.substring(end + 4);
            return new Reply(Integer.parseInt(head.split(" ")[1]), head, body);
        }

        /** A header's value, ignoring the name's case; empty when absent. */
        String header(String name) {
            return head.lines().filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                    .map(line -> line.substring(name.length() + 1).strip()).findFirst().orElse("");
        }
    }
}
