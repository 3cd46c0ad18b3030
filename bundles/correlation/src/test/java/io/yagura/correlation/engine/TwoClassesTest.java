package io.yagura.correlation.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class TwoClassesTest {

    private static TwoClasses.Split split(long... v) {
        return TwoClasses.of(v, v.length, 0.1, 32, 33);
    }

    @Test
    void trueAndFalsePagesAreTwoClasses() {
        TwoClasses.Split s = assertNotNullSplit(split(8120, 412, 8131, 412, 8120, 440, 8120));
        assertEquals(3, s.lowCount());
        assertEquals(4, s.highCount());
        assertEquals(412, s.lowMedian());
        assertEquals(8120, s.highMedian());
    }

    @Test
    void oneClassManyClassesOrALoneOutlierAreNot() {
        assertNull(split(5000, 5010, 4990, 5000, 5005, 5000), "the same page every time");
        assertNull(split(412, 2600, 5200, 7700, 9300, 14_100), "a search page");
        assertNull(split(412, 412, 412, 412, 412, 8120), "one odd answer is no class");
        assertNull(split(412, 412, 900, 8120, 8120, 8120), "a third size");
        assertNull(split(412, 412, 8120), "too few");
    }

    @Test
    void classesCloserThanTheirSpreadAreOne() {
        assertNull(split(1000, 1000, 1050, 1050, 1000, 1050), "50 bytes apart: one page with a reflected value");
    }

    private static TwoClasses.Split assertNotNullSplit(TwoClasses.Split s) {
        assertNotNull(s);
        return s;
    }
}
