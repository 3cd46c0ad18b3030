package io.yagura.camel.runtime;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Optional;

/** The host and port of a plain broker URL, to see whether something listens there yet. */
final class BrokerAddress {

    private BrokerAddress() {
    }

    /**
     * amqp://host[:port] (5672) or amqps://host[:port] (5671), query ignored; empty for
     * anything else (failover URLs, websockets): those are not probed.
     */
    static Optional<InetSocketAddress> of(String url) {
        try {
            URI uri = URI.create(url.trim());
            String scheme = uri.getScheme();
            if (uri.getHost() == null || scheme == null) {
                return Optional.empty();
            }
            int defaultPort = switch (scheme.toLowerCase(java.util.Locale.ROOT)) {
                case "amqp" -> 5672;
                case "amqps" -> 5671;
                default -> -1;
            };
            if (defaultPort < 0) {
                return Optional.empty();
            }
            return Optional.of(InetSocketAddress.createUnresolved(uri.getHost(),
                    uri.getPort() > 0 ? uri.getPort() : defaultPort));
        } catch (IllegalArgumentException notAUri) {
            return Optional.empty();
        }
    }

    /** True when a TCP connection to the address succeeds within the timeout. */
    static boolean accepts(InetSocketAddress address, int timeoutMillis) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address.getHostString(), address.getPort()), timeoutMillis);
            return true;
        } catch (java.io.IOException | RuntimeException notYet) {
            return false;
        }
    }
}
