package io.yagura.device.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.plugin.FirewallDriver.Failure;
import io.yagura.api.plugin.FirewallDriver.FirewallException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The undo bookkeeping of a change, with steps that record what a device would have been told. */
class DeviceChangeTest {

    private final List<String> device = new ArrayList<>();
    private final DeviceChange change = new DeviceChange("device fw1");

    private DeviceChange.Step does(String what) {
        return () -> device.add(what);
    }

    private static DeviceChange.Step fails(Failure failure) {
        return () -> {
            throw new FirewallException(failure, "device said no", null);
        };
    }

    @Test
    void aRefusedFirstStepIsPassedOnAsItIs() {
        FirewallException e = assertThrows(FirewallException.class,
                () -> change.step("add", fails(Failure.REJECTED), "delete", does("delete")));

        assertEquals(Failure.REJECTED, e.failure());
        assertEquals(List.of(), device, "nothing was applied, so nothing is undone");
    }

    @Test
    void aLaterFailureUndoesWhatWasDoneInReverseOrder() throws Exception {
        change.step("add", does("add"), "delete", does("delete"));
        change.step("join", does("join"), "leave", does("leave"));

        FirewallException e = assertThrows(FirewallException.class,
                () -> change.step("commit", fails(Failure.REJECTED)));

        assertEquals(Failure.ROLLED_BACK, e.failure());
        assertEquals(List.of("add", "join", "leave", "delete"), device);
        assertTrue(e.getMessage().contains("commit failed (device said no); rolled back: leave, delete"), e.getMessage());
    }

    @Test
    void aStepWithoutAnAnswerIsUndoneToo() throws Exception {
        change.step("add", does("add"), "delete", does("delete"));

        FirewallException e = assertThrows(FirewallException.class,
                () -> change.step("join", fails(Failure.TIMEOUT), "leave", does("leave")));

        assertEquals(Failure.ROLLED_BACK, e.failure());
        assertEquals(List.of("add", "leave", "delete"), device);
    }

    @Test
    void aFailedUndoIsPartialAndNamesWhatIsLeft() throws Exception {
        change.step("add", does("add"), "delete", does("delete"));
        change.step("join", does("join"), "leave", fails(Failure.UNREACHABLE));

        FirewallException e = assertThrows(FirewallException.class,
                () -> change.step("commit", fails(Failure.UNREACHABLE)));

        assertEquals(Failure.PARTIAL, e.failure());
        assertTrue(e.getMessage().endsWith("an operator must still: leave, delete"), e.getMessage());
    }

    @Test
    void aFailedVerificationRollsBack() throws Exception {
        change.step("add", does("add"), "delete", does("delete"));

        FirewallException e = change.fail("read back 192.0.2.1, expected 192.0.2.2");

        assertEquals(Failure.ROLLED_BACK, e.failure());
        assertEquals(List.of("add", "delete"), device);
        assertTrue(e.getMessage().contains("read back 192.0.2.1"), e.getMessage());
    }
}
