package dev.clockwork.engine;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;

/**
 * This node's id: host, process id and a random suffix, so that a restarted process on the same host is a new node
 * and never mistaken for the one that died.
 */
@ApplicationScoped
public class NodeIdentity {

    private final String id;
    private final String host;
    private final long pid;
    private final String version;

    public NodeIdentity() {
        byte[] suffix = new byte[2];
        new SecureRandom().nextBytes(suffix);
        this.host = hostName();
        this.pid = ProcessHandle.current().pid();
        String raw = this.host + "-" + pid + "-" + HexFormat.of().formatHex(suffix);
        this.id = raw.length() > 100 ? raw.substring(raw.length() - 100) : raw;
        this.version = version();
    }

    public String id() {
        return id;
    }

    public String host() {
        return host.length() > 200 ? host.substring(0, 200) : host;
    }

    public long pid() {
        return pid;
    }

    /** Clockwork's version, as built. */
    public String clockworkVersion() {
        return version;
    }

    private static String version() {
        Properties properties = new Properties();
        try (InputStream in = NodeIdentity.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Clockwork's version.properties", e);
        }
        return properties.getProperty("version", "unknown");
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
