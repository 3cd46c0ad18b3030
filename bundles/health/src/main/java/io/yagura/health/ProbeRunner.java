package io.yagura.health;

import io.yagura.health.probe.Echo;
import io.yagura.health.probe.Pinger;
import io.yagura.health.probe.TcpProbe;
import java.util.ArrayList;
import java.util.List;

/** Runs a device's probes (on a probe thread, never the scheduler's) and sums them up. */
final class ProbeRunner {

    private final Pinger pinger;
    private final TcpProbe tcp = new TcpProbe();
    private final Timings timings;

    ProbeRunner(Pinger pinger, Timings timings) {
        this.pinger = pinger;
        this.timings = timings;
    }

    Pinger pinger() {
        return pinger;
    }

    ProbeOutcome probe(Plan plan) {
        List<String> failures = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        String icmpUnavailable = null;
        if (plan.ping()) {
            Echo echo = pinger.ping(plan.address(), timings.pingTimeout());
            if (echo instanceof Echo.Answered) {
                answers.add("ICMP echo reply from " + plan.address());
            } else if (echo instanceof Echo.NoAnswer no) {
                failures.add(no.why());
            } else {
                icmpUnavailable = "ICMP unavailable: " + ((Echo.Unavailable) echo).why();
            }
        }
        if (plan.tcp()) {
            String refused = tcp.connect(plan.tcpAddress(), plan.tcpPort(), timings.tcpTimeout());
            if (refused == null) {
                answers.add("tcp/" + plan.tcpPort() + " on " + plan.tcpAddress() + " open");
            } else {
                failures.add(refused);
            }
        }
        if (answers.isEmpty() && failures.isEmpty()) {
            return new ProbeOutcome(ProbeOutcome.Kind.UNAVAILABLE, icmpUnavailable);
        }
        if (icmpUnavailable != null) {
            (failures.isEmpty() ? answers : failures).add(icmpUnavailable);
        }
        return failures.isEmpty() ? new ProbeOutcome(ProbeOutcome.Kind.ANSWERED, String.join("; ", answers))
                : new ProbeOutcome(ProbeOutcome.Kind.FAILED, String.join("; ", failures));
    }
}
