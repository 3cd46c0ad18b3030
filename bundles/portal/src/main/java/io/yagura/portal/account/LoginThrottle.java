package io.yagura.portal.account;

import io.yagura.format.net.Addresses;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed logins counted per client address, whatever account they were for: the account lockout
 * does not slow a client that tries one password on many accounts (password spraying). After
 * {@code failures} failures within a sliding {@code window}, logins from that address are refused
 * for {@code block}. IPv6 clients are counted per /64 (one host usually holds a whole /64 and can
 * change its address at will). Kept in memory on each node: behind one address with two nodes a
 * client gets at most twice the limit; a restart forgets the counts.
 */
public final class LoginThrottle {

    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);
    // beyond this many tracked addresses the quiet ones are forgotten, so a flood cannot fill the heap
    static final int MAX_TRACKED = 50_000;

    /**
     * @param failures failed logins from one address within {@code window} that start a block; 0 turns it off
     */
    public record Limits(int failures, Duration window, Duration block) {

        public static final Limits DEFAULT = new Limits(20, Duration.ofMinutes(10), Duration.ofMinutes(15));

        public Limits {
            if (failures < 0) {
                throw new IllegalArgumentException("login.address.failures must be 0 (off) or more, not " + failures);
            }
            if (failures > 0 && (window.isNegative() || window.isZero() || block.isNegative() || block.isZero())) {
                throw new IllegalArgumentException("login.address.window.minutes and login.address.block.minutes "
                        + "must be at least 1");
            }
        }
    }

    /**
     * How the log names what is throttled, so that a throttle used for another kind of request
     * (forgotten-password links) does not speak of failed logins.
     *
     * @param refused what is refused, e.g. "Portal logins"
     * @param counted what was counted, e.g. "failed logins, on any account"
     */
    public record Wording(String refused, String counted) {
        public static final Wording LOGINS = new Wording("Portal logins", "failed logins (on any account)");
    }

    private static final class Client {
        final Deque<Instant> failures = new ArrayDeque<>();
        Instant blockedUntil;
    }

    private final Limits limits;
    private final Wording wording;
    private final Clock clock;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();

    public LoginThrottle(Limits limits, Clock clock) {
        this(limits, Wording.LOGINS, clock);
    }

    public LoginThrottle(Limits limits, Wording wording, Clock clock) {
        this.limits = limits;
        this.wording = wording;
        this.clock = clock;
    }

    public Limits limits() {
        return limits;
    }

    /** Until when logins from this address are refused; empty when they are not. */
    public Optional<Instant> blockedUntil(String address) {
        if (limits.failures() == 0 || address == null) {
            return Optional.empty();
        }
        Client c = clients.get(key(address));
        if (c == null) {
            return Optional.empty();
        }
        synchronized (c) {
            Instant now = clock.instant();
            return c.blockedUntil != null && now.isBefore(c.blockedUntil) ? Optional.of(c.blockedUntil)
                    : Optional.empty();
        }
    }

    /** Counts a failed login (or, for another wording, a request) from this address; logs (WARN) when it starts a block. */
    public void failed(String address) {
        if (limits.failures() == 0 || address == null) {
            return;
        }
        if (clients.size() >= MAX_TRACKED) {
            forgetQuiet();
        }
        String key = key(address);
        Client c = clients.computeIfAbsent(key, k -> new Client());
        synchronized (c) {
            Instant now = clock.instant();
            Instant windowStart = now.minus(limits.window());
            while (!c.failures.isEmpty() && !c.failures.peekFirst().isAfter(windowStart)) {
                c.failures.removeFirst();
            }
            c.failures.addLast(now);
            if (c.failures.size() >= limits.failures() && (c.blockedUntil == null || !now.isBefore(c.blockedUntil))) {
                c.blockedUntil = now.plus(limits.block());
                LOG.warn("{} from {} refused until {}: {} {} within {} minutes", wording.refused(), key, c.blockedUntil,
                        c.failures.size(), wording.counted(), limits.window().toMinutes());
                c.failures.clear();
            }
        }
    }

    public int trackedAddresses() {
        return clients.size();
    }

    /** Forgets addresses that are not blocked and whose failures all left the window. */
    private void forgetQuiet() {
        Instant now = clock.instant();
        Instant windowStart = now.minus(limits.window());
        clients.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                Client c = e.getValue();
                boolean blocked = c.blockedUntil != null && now.isBefore(c.blockedUntil);
                return !blocked && (c.failures.isEmpty() || !c.failures.peekLast().isAfter(windowStart));
            }
        });
        if (clients.size() >= MAX_TRACKED) {
            LOG.warn("{} throttle: {} addresses with recent {}; forgetting those not blocked", wording.refused(),
                    clients.size(), wording.counted());
            clients.entrySet().removeIf(e -> {
                synchronized (e.getValue()) {
                    return e.getValue().blockedUntil == null || !now.isBefore(e.getValue().blockedUntil);
                }
            });
        }
    }

    /** The address as counted: IPv4 as it is, IPv6 as its /64. */
    static String key(String address) {
        Optional<InetAddress> parsed = Addresses.parse(address);
        if (parsed.isEmpty() || !(parsed.get() instanceof Inet6Address)) {
            return parsed.map(Addresses::toText).orElse(address);
        }
        byte[] b = parsed.get().getAddress();
        for (int i = 8; i < 16; i++) {
            b[i] = 0;
        }
        try {
            return Addresses.toText(InetAddress.getByAddress(b)) + "/64";
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 16 bytes are always an address
        }
    }
}
