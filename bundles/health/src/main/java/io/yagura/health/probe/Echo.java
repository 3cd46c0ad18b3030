package io.yagura.health.probe;

/** What one ICMP echo request found. */
public sealed interface Echo {

    /** An echo reply came back. */
    record Answered() implements Echo {
    }

    /** No reply within the timeout (or the network said unreachable). */
    record NoAnswer(String why) implements Echo {
    }

    /** This node cannot send ICMP echo: the device is not judged by it. */
    record Unavailable(String why) implements Echo {
    }
}
