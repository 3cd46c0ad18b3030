package io.yagura.correlation.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Address parsing and longest-prefix matching, IPv4 and IPv6. */
class CidrTableTest {

    @Test
    void parsesAddresses() {
        assertEquals(0xC0000201L, Ip.v4("192.0.2.1"));
        assertEquals(-1, Ip.v4("192.0.2"));
        assertEquals(-1, Ip.v4("192.0.2.256"));
        assertEquals(-1, Ip.v4("a.b.c.d"));
        assertTrue(Ip.isIp("2001:db8::1"));
        assertTrue(Ip.isIp("::"));
        assertTrue(Ip.isIp("::ffff:192.0.2.1"));
        assertTrue(Ip.isIp("fe80::1%eth0"));
        assertTrue(Ip.isIp("2001:db8:0:0:0:0:0:1"));
        assertFalse(Ip.isIp("2001:db8::1::2"));
        assertFalse(Ip.isIp("2001:db8:0:0:0:0:0:0:1"));
        assertFalse(Ip.isIp("example.com"));
        assertFalse(Ip.isIp("12345::"));
    }

    @Test
    void mostSpecificNetworkWins() {
        CidrTable<String> t = CidrTable.<String>builder().add("10.0.0.0/8", "eight").add("10.1.0.0/16", "sixteen")
                .add("10.1.2.3", "host").add("2001:db8::/32", "v6").add("2001:db8:1::/48", "v6-48").build();
        assertEquals("host", t.lookup("10.1.2.3"));
        assertEquals("sixteen", t.lookup("10.1.9.9"));
        assertEquals("eight", t.lookup("10.200.0.1"));
        assertNull(t.lookup("11.0.0.1"));
        assertEquals("v6-48", t.lookup("2001:db8:1::25"));
        assertEquals("v6", t.lookup("2001:db8:2::80"));
        assertNull(t.lookup("2001:db9::1"));
        assertEquals("host", t.lookup("::ffff:10.1.2.3"), "IPv4-mapped");
        assertNull(t.lookup("not an address"));
        assertEquals(5, t.size());
    }

    @Test
    void netmaskFormAndHostBits() {
        CidrTable<Boolean> t = CidrTable.<Boolean>builder().add("192.168.1.77/255.255.255.0", true)
                .add("0.0.0.0/0", false).build();
        assertEquals(Boolean.TRUE, t.lookup("192.168.1.1"));
        assertEquals(Boolean.FALSE, t.lookup("8.8.8.8"), "default route");
        assertThrows(IllegalArgumentException.class, () -> CidrTable.<Boolean>builder().add("10.0.0.0/255.0.255.0", true));
        assertThrows(IllegalArgumentException.class, () -> CidrTable.<Boolean>builder().add("2001:db8::/129", true));
        assertFalse(CidrTable.isValid("example.com"));
        assertTrue(CidrTable.isValid("2001:db8::/32"));
    }
}
