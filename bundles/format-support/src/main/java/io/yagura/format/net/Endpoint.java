package io.yagura.format.net;

/**
 * One end of a flow as IDS lines write it after the protocol ({@code {TCP} 192.0.2.1:1234 ->
 * 203.0.113.5:80}): {@code 192.0.2.1:80}, {@code 192.0.2.1} (ICMP), {@code [2001:db8::1]:80},
 * {@code 2001:db8::1:80} (compressed IPv6 with the port glued on, read as address + port only when
 * the protocol has ports). Total: bad text gives nulls, never an exception.
 *
 * @param ip   the canonical address ({@link Addresses#normalize}), or null when there is none
 * @param port the port, or null (no port written, or the protocol has none)
 */
public record Endpoint(String ip, Long port) {

    private static final Endpoint NONE = new Endpoint(null, null);

    /**
     * @param token      the text of one end, trimmed or not
     * @param withPorts  whether the protocol has ports (TCP, UDP, SCTP): decides how a compressed
     *                   IPv6 address with a glued port is split
     */
    public static Endpoint parse(String token, boolean withPorts) {
        if (token == null) {
            return NONE;
        }
        String t = token.trim();
        if (t.isEmpty() || t.length() > 80) {
            return NONE;
        }
        String address = t;
        String port = null;
        if (t.charAt(0) == '[') {
            int close = t.indexOf(']');
            if (close < 0) {
                return NONE;
            }
            address = t.substring(1, close);
            if (close + 1 < t.length() && t.charAt(close + 1) == ':') {
                port = t.substring(close + 2);
            }
        } else {
            int first = t.indexOf(':');
            int last = t.lastIndexOf(':');
            if (first >= 0 && first == last) {
                address = t.substring(0, first);
                port = t.substring(first + 1);
            } else if (first >= 0 && (withPorts || !Addresses.isAddress(t))) {
                address = t.substring(0, last);
                port = t.substring(last + 1);
            }
        }
        return new Endpoint(Addresses.normalize(address), withPorts ? Ports.port(port) : null);
    }
}
