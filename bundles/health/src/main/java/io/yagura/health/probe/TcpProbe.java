package io.yagura.health.probe;

import io.yagura.format.net.Addresses;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/** A TCP connect to a device's management or service port: open, or why not. */
public final class TcpProbe {

    /** @return null when the port accepted the connection, else why it did not */
    public String connect(String address, int port, Duration timeout) {
        InetAddress target = Addresses.parse(address).orElse(null);
        if (target == null) {
            return "'" + address + "' is not an IP address";
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(target, port), (int) Math.max(100, timeout.toMillis()));
            return null;
        } catch (ConnectException e) {
            return "tcp/" + port + " on " + address + " refused the connection";
        } catch (SocketTimeoutException e) {
            return "tcp/" + port + " on " + address + " did not answer within " + timeout.toMillis() + " ms";
        } catch (IOException e) {
            return "tcp/" + port + " on " + address + ": " + e.getMessage();
        }
    }
}
