package io.yagura.format.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Longest-prefix matching over many networks, IPv4 and IPv6. */
class NetworkTableTest {

    @Test
    void mostSpecificNetworkWins() {
        NetworkTable<String> t = NetworkTable.<String>builder().add("10.0.0.0/8", "eight").add("10.1.0.0/16", "sixteen")
                .add("10.1.2.3", "host").add("2001:db8::/32", "v6").add("2001:db8:1::/48", "v6-48").build();
        assertEquals("host", t.lookup("10.1.2.3"));
        assertEquals("sixteen", t.lookup("10.1.9.9"));
        assertEquals("eight", t.lookup("10.200.0.1"));
        assertNull(t.lookup("11.0.0.1"));
        assertEquals("v6-48", t.lookup("2001:db8:1::25"));
        assertEquals("v6", t.lookup("2001:db8:2::80"));
        assertEquals("v6", t.lookup("2001:0db8:0002:0000:0000:0000:0000:0080"), "uncompressed IPv6");
        assertNull(t.lookup("2001:db9::1"));
        assertEquals("host", t.lookup("::ffff:10.1.2.3"), "IPv4-mapped IPv6 is looked up as IPv4");
        assertEquals(5, t.size());
    }

    @Test
    void netmaskFormHostBitsAndTheDefaultRoute() {
        NetworkTable<Boolean> t = NetworkTable.<Boolean>builder().add("192.168.1.77/255.255.255.0", true)
                .add("0.0.0.0/0", false).add("::/0", false).build();
        assertEquals(Boolean.TRUE, t.lookup("192.168.1.1"), "host bits of 192.168.1.77/24 ignored");
        assertEquals(Boolean.FALSE, t.lookup("8.8.8.8"), "default route");
        assertEquals(Boolean.FALSE, t.lookup("2001:db8::1"), "IPv6 default route");
    }

    @Test
    void theFirstValueForANetworkWinsAndLaterAddsDoNotChangeABuiltTable() {
        NetworkTable.Builder<String> b = NetworkTable.<String>builder().add("10.0.0.0/8", "first").add("10.9.9.9/8", "second");
        NetworkTable<String> built = b.build();
        b.add("10.1.0.0/16", "later");
        assertEquals("first", built.lookup("10.1.1.1"));
        assertEquals(1, built.size());
        assertEquals("later", b.build().lookup("10.1.1.1"));
    }

    @Test
    void malformedTextIsRefusedWithItsReasonAndNeverLooksLikeAMatch() {
        NetworkTable<Boolean> all = NetworkTable.<Boolean>builder().add("0.0.0.0/0", true).add("::/0", true).build();
        for (String bad : new String[] {"cafe.bad", "10.0.0.300", "::g", "example.com", "", "10.0.0.1/", "not an address"}) {
            assertNull(all.lookup(bad), bad + " is no address, so it is in no network");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> NetworkTable.<Boolean>builder().add(bad, true), bad);
            assertTrue(e.getMessage().contains("network") || e.getMessage().contains("address"), e.getMessage());
        }
        assertFalse(all.contains(null));
        assertTrue(NetworkTable.<Boolean>empty().isEmpty());
    }
}
