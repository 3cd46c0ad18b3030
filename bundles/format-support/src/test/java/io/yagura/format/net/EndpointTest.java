package io.yagura.format.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EndpointTest {

    @Test
    void ipv4WithAndWithoutPort() {
        assertEquals(new Endpoint("192.0.2.1", 1234L), Endpoint.parse(" 192.0.2.1:1234", true));
        assertEquals(new Endpoint("192.0.2.1", null), Endpoint.parse("192.0.2.1", false));
        assertEquals(new Endpoint("192.0.2.1", null), Endpoint.parse("192.0.2.1:8", false), "ICMP: no ports");
    }

    @Test
    void ipv6Forms() {
        assertEquals(new Endpoint("2001:db8::1", 80L), Endpoint.parse("[2001:db8::1]:80", true));
        assertEquals(new Endpoint("2001:db8::1", 80L), Endpoint.parse("2001:db8::1:80", true));
        assertEquals(new Endpoint("2001:db8::1:80", null), Endpoint.parse("2001:db8::1:80", false));
        assertEquals(new Endpoint("2001:db8::1", null), Endpoint.parse("[2001:db8::1]", true));
    }

    @Test
    void badTextGivesNulls() {
        assertEquals(new Endpoint(null, null), Endpoint.parse(null, true));
        assertEquals(new Endpoint(null, null), Endpoint.parse("", true));
        assertEquals(new Endpoint(null, null), Endpoint.parse("[2001:db8::1", true));
        assertEquals(new Endpoint(null, 80L), Endpoint.parse("host.example:80", true), "names are not addresses");
        assertEquals(null, Endpoint.parse("192.0.2.1:99999", true).port());
        assertEquals(null, Endpoint.parse("x".repeat(200), true).ip());
    }
}
