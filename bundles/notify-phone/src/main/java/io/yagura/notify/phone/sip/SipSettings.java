package io.yagura.notify.phone.sip;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where and how the phone calls: the trunk or PBX, the account, this node's addresses.
 *
 * @param trunkHost      host of the trunk or PBX that INVITEs go to
 * @param trunkPort      its SIP port
 * @param registrarHost  host to REGISTER with; null or empty: no registration
 * @param registrarPort  its port
 * @param transport      "udp", "tcp" or "tls"
 * @param user           the account's user part (From, Contact, digest user name)
 * @param password       the digest password; never logged ({@link #toString()} masks it)
 * @param domain         the account's domain (From and the digest realm's default); empty: the trunk host
 * @param localAddress   the address this node listens on and puts in Via, Contact and SDP
 * @param localPort      the SIP port this node listens on (0: any free port)
 * @param rtpMinPort     first port of the RTP range (even)
 * @param rtpMaxPort     last port of the RTP range
 * @param ringTimeout    how long a call may ring before it is cancelled
 * @param registerExpiry the registration's lifetime asked for
 */
public record SipSettings(String trunkHost, int trunkPort, String registrarHost, int registrarPort, String transport,
                          String user, String password, String domain, String localAddress, int localPort,
                          int rtpMinPort, int rtpMaxPort, Duration ringTimeout, Duration registerExpiry) {

    public SipSettings {
        Objects.requireNonNull(trunkHost, "trunk host");
        if (trunkHost.isBlank()) {
            throw new IllegalArgumentException("trunk: a host is needed (host:port of the SIP trunk or PBX)");
        }
        transport = transport == null ? "udp" : transport.trim().toLowerCase(Locale.ROOT);
        if (!transport.equals("udp") && !transport.equals("tcp") && !transport.equals("tls")) {
            throw new IllegalArgumentException("transport '" + transport + "': udp, tcp or tls");
        }
        if (rtpMinPort < 1024 || rtpMaxPort > 65535 || rtpMinPort > rtpMaxPort) {
            throw new IllegalArgumentException("RTP ports " + rtpMinPort + "-" + rtpMaxPort
                    + ": a range within 1024-65535, e.g. 40000-40999");
        }
        user = user == null || user.isBlank() ? "yagura" : user.trim();
        password = password == null ? "" : password;
        domain = domain == null || domain.isBlank() ? trunkHost : domain.trim();
        registrarHost = registrarHost == null || registrarHost.isBlank() ? null : registrarHost.trim();
    }

    public boolean registers() {
        return registrarHost != null;
    }

    /** "host:port" into host and port ({@code defaultPort} when none is given); IPv6 in brackets. */
    public static HostPort hostPort(String text, int defaultPort) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            return null;
        }
        int colon = t.lastIndexOf(':');
        if (colon > 0 && t.indexOf(']') < colon && (t.startsWith("[") || t.indexOf(':') == colon)) {
            try {
                return new HostPort(t.substring(0, colon).replace("[", "").replace("]", ""),
                        Integer.parseInt(t.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "': host:port expected, the port is not a number");
            }
        }
        return new HostPort(t.replace("[", "").replace("]", ""), defaultPort);
    }

    public record HostPort(String host, int port) {
    }

    /** "40000-40999" into its two ends. */
    public static int[] portRange(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("\\s*-\\s*");
        try {
            if (parts.length == 2) {
                return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("RTP port range '" + text + "': FIRST-LAST expected, e.g. 40000-40999");
    }

    @Override
    public String toString() {
        return "sip:" + user + "@" + domain + " via " + trunkHost + ":" + trunkPort + "/" + transport
                + (registers() ? ", registering at " + registrarHost + ":" + registrarPort : ", no registration")
                + ", password " + (password.isEmpty() ? "none" : "****") + ", local " + localAddress + ":" + localPort
                + ", RTP " + rtpMinPort + "-" + rtpMaxPort + ", ring " + ringTimeout.toSeconds() + " s";
    }
}
