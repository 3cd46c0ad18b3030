package io.yagura.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcessedMessagesTest {

    @Test
    void remembersTheLatestIdsUpToItsSizeAndNeverANullOne() {
        ProcessedMessages processed = new ProcessedMessages(2);
        assertFalse(processed.seen("ID:1"));
        processed.processed("ID:1");
        processed.processed("ID:2");
        assertTrue(processed.seen("ID:1"));
        processed.processed("ID:3"); // the oldest goes
        assertFalse(processed.seen("ID:1"));
        assertTrue(processed.seen("ID:2"));
        assertTrue(processed.seen("ID:3"));
        processed.processed(null);
        assertFalse(processed.seen(null));
        assertEquals(2, processed.size());
    }
}
