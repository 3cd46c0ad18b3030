package io.yagura.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.response.Block;
import io.yagura.api.response.BlockState;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SOC's own node and the hosts its configuration names are never blocked, and the refusal says which. */
class SocOwnAddressesTest {

    Platform platform;
    BlockService service;
    final Map<SocOwnAddresses.Setting, String> configured = new LinkedHashMap<>();
    int resolutions;

    @BeforeEach
    void setUp() throws Exception {
        platform = new Platform();
        configured.put(setting("mail relay"), "smtp.soc.test");
        configured.put(setting("SIP registrar"), "sip:yagura@[2001:db8::5]:5061");
        configured.put(setting("database"), "jdbc:postgresql://db.soc.test:5432/yagura?ssl=true");
        configured.put(setting("message broker"), "amqp://${yagura.broker.host}:61616"); // not interpolated: names nothing
        Map<String, String> names = Map.of("smtp.soc.test", "203.0.113.25", "db.soc.test", "203.0.113.26");
        SocOwnAddresses own = new SocOwnAddresses(() -> configured, () -> List.of(address("203.0.113.24")), host -> {
            resolutions++;
            String a = names.get(host);
            return a == null ? (host.contains(":") ? List.of(address(host)) : List.of()) : List.of(address(a));
        }, Clock.systemUTC());
        service = platform.service(Map.of(), Platform.T0, own);
    }

    private static SocOwnAddresses.Setting setting(String what) {
        return SocOwnAddresses.CONFIGURED.stream().filter(s -> s.what().equals(what)).findFirst().orElseThrow();
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal); // literals only: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private String refusal(String address) {
        List<Block> result = service.request(new BlockRequest("acme", null, address, List.of(), null, "alice", "test",
                false));
        assertEquals(1, result.size(), result.toString());
        assertEquals(BlockState.REFUSED, result.get(0).state(), result.get(0).deviceAnswer());
        assertEquals(List.of(), platform.firewall.calls, "no device was touched");
        return result.get(0).deviceAnswer();
    }

    @Test
    void theNodeAndTheHostsOfItsConfigurationAreRefusedByName() {
        assertTrue(refusal("203.0.113.25").contains("(the SOC's own mail relay smtp.soc.test)"), refusal("203.0.113.25"));
        assertTrue(refusal("203.0.113.26").contains("the SOC's own database db.soc.test"));
        assertTrue(refusal("203.0.113.24").contains("the SOC's own node"));
        assertTrue(refusal("2001:db8::5").contains("the SOC's own SIP registrar 2001:db8::5"));
        // a network holding one of them is refused too
        assertTrue(refusal("203.0.113.0/24").contains("203.0.113.0/24 is safelisted"));
        // names are resolved once a minute, not for every request
        assertTrue(resolutions <= 3, "resolved " + resolutions + " times");
    }

    @Test
    void anotherAddressIsStillBlocked() {
        List<Block> placed = service.request(new BlockRequest("acme", null, "198.18.0.1", List.of(), null, "alice",
                "test", false));
        assertTrue(placed.stream().noneMatch(b -> b.state() == BlockState.REFUSED
                && b.deviceAnswer().contains("SOC's own")), placed.toString());
    }

    @Test
    void hostsAreReadFromEveryFormTheConfigurationUses() {
        assertEquals(Optional.of("smtp.soc.test"), SocOwnAddresses.hostOf("smtp.soc.test"));
        assertEquals(Optional.of("smtp.soc.test"), SocOwnAddresses.hostOf("smtp.soc.test:587"));
        assertEquals(Optional.of("10.1.2.3"), SocOwnAddresses.hostOf("amqp://10.1.2.3:5672"));
        assertEquals(Optional.of("mq1.soc.test"), SocOwnAddresses.hostOf("failover:(amqps://mq1.soc.test:5671,amqps://mq2:5671)"));
        assertEquals(Optional.of("db.soc.test"), SocOwnAddresses.hostOf("jdbc:postgresql://db.soc.test:5432/yagura"));
        assertEquals(Optional.of("pbx.soc.test"), SocOwnAddresses.hostOf("sip:yagura@pbx.soc.test:5060;transport=tls"));
        assertEquals(Optional.of("2001:db8::5"), SocOwnAddresses.hostOf("sips:[2001:db8::5]:5061"));
        assertEquals(Optional.of("gw.soc.test"), SocOwnAddresses.hostOf("tcp://user:secret@gw.soc.test:61617"));
        assertEquals(Optional.empty(), SocOwnAddresses.hostOf(""));
        assertEquals(Optional.empty(), SocOwnAddresses.hostOf("amqp://${yagura.broker.host}:61616"));
    }

    @Test
    void thisHostsOwnInterfacesAreFound() {
        assertTrue(SocOwnAddresses.interfaceAddresses().stream().anyMatch(InetAddress::isLoopbackAddress),
                SocOwnAddresses.interfaceAddresses().toString());
    }
}
