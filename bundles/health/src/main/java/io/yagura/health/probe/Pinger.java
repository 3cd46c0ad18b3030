package io.yagura.health.probe;

import java.time.Duration;

/** Sends one ICMP echo request. Implementations are thread-safe and return within about the timeout. */
public interface Pinger {

    /** @param address an IPv4 or IPv6 literal (never a name: nothing is resolved) */
    Echo ping(String address, Duration timeout);

    /** How it pings ("fping /usr/bin/fping") or why it cannot, for the console and the log. */
    String describe();

    /** A pinger for a node that cannot send ICMP: every device gets the same reason. */
    static Pinger unavailable(String why) {
        return new Unavailable(why);
    }

    /** This node cannot send ICMP echo, and why. */
    record Unavailable(String why) implements Pinger {
        @Override
        public Echo ping(String address, Duration timeout) {
            return new Echo.Unavailable(why);
        }

        @Override
        public String describe() {
            return "ICMP unavailable: " + why;
        }
    }
}
