package io.yagura.response.command;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.response.Block;
import io.yagura.api.response.BlockAudit;
import io.yagura.api.response.BlockStore;
import io.yagura.response.BlockService;
import io.yagura.response.TestPlatform;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The device's password goes to the device and nowhere else: not to the log (slf4j-simple writes
 * to System.err, io.yagura at debug), the audit, the blocks' answers, nor the console.
 */
class SecretsNeverShownTest {

    @Test
    void theDevicePasswordIsInNoLogAuditAnswerOrConsoleOutputWhateverHappens() throws Exception {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        PrintStream original = System.err;
        PrintStream capture = new PrintStream(seen, true, StandardCharsets.UTF_8);
        System.setErr(capture);
        TestPlatform platform = new TestPlatform();
        try {
            BlockService service = platform.service();
            BlocksCommand blocks = new BlocksCommand();
            blocks.blocks = service;
            blocks.store = platform.store();
            blocks.out = capture;
            DeviceTrustCommand trust = new DeviceTrustCommand();
            trust.blocks = service;
            trust.out = capture;
            trust.device = "acme-fw1";

            BlockCommand block = new BlockCommand();
            block.blocks = service;
            block.out = capture;
            block.customer = "acme";
            block.address = "203.0.113.7";
            block.execute();                                  // placed
            platform.refuseLogins();
            block.address = "203.0.113.8";
            block.execute();                                  // authentication refused
            platform.presentNewKey("SHA256:otherkeyDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD");
            block.address = "203.0.113.9";
            block.execute();                                  // untrusted
            trust.execute();
            blocks.all = true;
            blocks.execute();
            blocks.json = true;
            blocks.execute();
            for (Block b : platform.store().list(new BlockStore.Filter(null, null, null, null, 0))) {
                blocks.id = b.id();
                blocks.json = false;
                blocks.execute();
                for (BlockAudit a : platform.store().audit(b.id())) {
                    capture.println(a);
                }
                capture.println(b);
            }
        } finally {
            System.setErr(original);
        }
        String everything = seen.toString(StandardCharsets.UTF_8);
        assertTrue(everything.contains("AUTHENTICATION") && everything.contains("UNTRUSTED")
                && everything.contains("ACTIVE"), "the three outcomes happened and were printed");
        assertFalse(everything.contains(TestPlatform.DEVICE_PASSWORD), "the device password was shown somewhere");
    }
}
