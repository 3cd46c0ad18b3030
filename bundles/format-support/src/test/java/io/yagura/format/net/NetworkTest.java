package io.yagura.format.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Networks in CIDR and netmask form, and the reasons a text is not one. */
class NetworkTest {

    @Test
    void cidrNetmaskAndLoneAddresses() {
        assertEquals("10.0.0.0/8", Network.of("10.1.2.3/8").toString(), "host bits cleared");
        assertEquals("192.168.1.0/24", Network.of("192.168.1.77/255.255.255.0").toString());
        assertEquals("192.0.2.1/32", Network.of("192.0.2.1").toString());
        assertEquals("2001:db8::/32", Network.of(" 2001:db8:ffff::/32 ").toString());
        assertEquals("10.0.0.0/8", Network.of("::ffff:10.0.0.0/104").toString(), "IPv4-mapped network");
        assertTrue(Network.of("10.0.0.0/8").contains("10.255.0.1"));
        assertFalse(Network.of("10.0.0.0/8").contains("2001:db8::1"));
        assertTrue(Network.of("10.0.0.0/8").isIpv4());
        assertFalse(Network.of("::/0").isIpv4());
    }

    @Test
    void eachMalformedNetworkIsRefusedWithWhatIsWrong() {
        assertEquals("'cafe.bad/24' is not a network: 'cafe.bad' is not an IP address (expected an IPv4 or IPv6 literal "
                + "such as 192.0.2.1 or 2001:db8::1; host names are never resolved)", problem("cafe.bad/24"));
        assertEquals("'10.0.0.0/33' is not a network: prefix length 33 exceeds 32", problem("10.0.0.0/33"));
        assertEquals("'2001:db8::/129' is not a network: prefix length 129 exceeds 128", problem("2001:db8::/129"));
        assertEquals("'10.0.0.0/x' is not a network: prefix length 'x' is not a number 0..32", problem("10.0.0.0/x"));
        assertEquals("'10.0.0.0/255.0.255.0' is not a network: netmask '255.0.255.0' is not a contiguous IPv4 netmask",
                problem("10.0.0.0/255.0.255.0"));
        assertEquals("'::ffff:10.0.0.0/64' is not a network: an IPv4-mapped network needs a prefix of at least 96",
                problem("::ffff:10.0.0.0/64"));
        assertEquals("'cafe.bad' is not an IP address or CIDR network (expected an address such as 192.0.2.1 or a "
                + "network such as 10.0.0.0/8 or 2001:db8::/32; host names are never resolved)", problem("cafe.bad"));
        assertTrue(problem(null).startsWith("no network given"));
        assertEquals(Optional.empty(), Network.parse("10.0.0.300/24"));
        assertEquals(Optional.empty(), Network.parse("::g/64"));
    }

    @Test
    void exactInputRefusesHostBitsAndNamesBothReadings() {
        assertEquals(Network.of("203.0.113.0/24"), Network.ofExact("203.0.113.0/24"));
        assertEquals(Network.of("203.0.113.7/32"), Network.ofExact(" 203.0.113.7 "));
        assertEquals(Network.of("2001:db8::/32"), Network.ofExact("2001:db8::/32"));
        String why = assertThrows(IllegalArgumentException.class, () -> Network.ofExact("203.0.113.7/24")).getMessage();
        assertTrue(why.contains("host bits") && why.contains("203.0.113.7 for that one host")
                && why.contains("203.0.113.0/24 for the whole network"), why);
        assertThrows(IllegalArgumentException.class, () -> Network.ofExact("2001:db8::1/64"));
        assertThrows(IllegalArgumentException.class, () -> Network.ofExact("not-an-address"));
    }

    private static String problem(String text) {
        return assertThrows(IllegalArgumentException.class, () -> Network.of(text)).getMessage();
    }
}
