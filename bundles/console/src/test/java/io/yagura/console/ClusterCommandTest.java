package io.yagura.console;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.cluster.ClusterDuties;
import io.yagura.store.testing.ManualDuties;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** yagura:cluster: this node, and each duty's holder and lease. */
class ClusterCommandTest {

    private static String print(ClusterDuties duties, Instant now) {
        ClusterCommand command = new ClusterCommand();
        command.duties = duties;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        command.print(new PrintStream(out, true, StandardCharsets.UTF_8), now);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void showsThisNodeAndWhoHoldsEachDuty() {
        ManualDuties duties = new ManualDuties().gain(ClusterDuties.HEALTH_CHECK).lose(ClusterDuties.PULL);
        String text = print(duties, Instant.now());
        assertTrue(text.startsWith("This node: test-node"), text);
        assertTrue(text.lines().anyMatch(l -> l.contains(ClusterDuties.HEALTH_CHECK) && l.contains("test-node")
                && l.contains("held here")), text);
        assertTrue(text.lines().anyMatch(l -> l.contains(ClusterDuties.PULL) && l.contains("other-node")
                && l.trim().endsWith("held")), text);
    }

    @Test
    void aLeaseWhoseTimePassedIsFree() {
        ManualDuties duties = new ManualDuties().lose(ClusterDuties.PULL);
        String text = print(duties, Instant.now().plusSeconds(60));
        assertTrue(text.lines().anyMatch(l -> l.contains(ClusterDuties.PULL) && l.contains("free (lease ran out)")), text);
    }
}
