package io.yagura.format.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one address reader: literals only, canonical text, malformed text refused with a reason. */
class AddressesTest {

    @Test
    void readsIpv4AndIpv6LiteralsInEveryUsualForm() {
        assertEquals("192.0.2.1", Addresses.normalize("192.0.2.1"));
        assertEquals("2001:db8::1", Addresses.normalize("2001:db8:0:0:0:0:0:1"));
        assertEquals("2001:db8::1", Addresses.normalize("[2001:DB8::1]"));
        assertEquals("fe80::1", Addresses.normalize("fe80::1%eth0"), "the zone names an interface");
        assertEquals("::", Addresses.normalize("::"));
        assertEquals("192.0.2.1", Addresses.normalize("::ffff:192.0.2.1"), "IPv4-mapped IPv6 is the IPv4 address");
        assertTrue(Addresses.isAddress("2001:db8::192.0.2.1"));
    }

    /**
     * Text that looks like a name or a broken address is refused by the parser itself: it never
     * reaches {@code InetAddress.getByName}, which would send {@code cafe.bad} to DNS.
     */
    @Test
    void malformedAddressesAreRefusedWithAClearReason() {
        for (String bad : new String[] {"cafe.bad", "10.0.0.300", "::g", "192.0.2", "2001:db8::1::2",
                "2001:db8:0:0:0:0:0:0:1", "12345::", "localhost", "example.com", "010.0.0.1x"}) {
            assertEquals(Optional.empty(), Addresses.parse(bad), bad);
            assertFalse(Addresses.isAddress(bad), bad);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Addresses.require(bad), bad);
            assertEquals("'" + bad + "' is not an IP address (expected an IPv4 or IPv6 literal such as 192.0.2.1 or "
                    + "2001:db8::1; host names are never resolved)", e.getMessage());
        }
        assertEquals("no IP address given (expected an IPv4 or IPv6 literal such as 192.0.2.1 or 2001:db8::1; host "
                + "names are never resolved)", assertThrows(IllegalArgumentException.class, () -> Addresses.require(" "))
                .getMessage());
    }

    @Test
    void requireGivesTheAddress() {
        InetAddress a = Addresses.require(" 2001:db8::7 ");
        assertEquals("2001:db8::7", Addresses.toText(a));
    }
}
