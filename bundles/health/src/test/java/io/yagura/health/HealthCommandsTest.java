package io.yagura.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yagura.api.health.HealthSettings;
import io.yagura.api.health.HealthState;
import io.yagura.api.health.HealthTransition;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.karaf.scheduler.core.QuartzScheduler;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthCommandsTest {

    Platform platform;
    QuartzScheduler quartz;

    @BeforeEach
    void setUp() throws Exception {
        platform = new Platform();
        platform.device("acme-fw1", "198.18.0.2");
        platform.device("acme-rtr", "198.18.0.1");
        Properties p = new Properties();
        p.put("org.quartz.scheduler.instanceName", "yagura-health-commands");
        p.put("org.quartz.scheduler.skipUpdateCheck", "true");
        p.put("org.quartz.threadPool.threadCount", "1");
        quartz = new QuartzScheduler(p);
    }

    @AfterEach
    void tearDown() {
        quartz.deactivate();
    }

    private HealthSetCommand set(String device) {
        HealthSetCommand c = new HealthSetCommand();
        c.device = device;
        c.store = platform.health;
        c.registry = platform.registry;
        return c;
    }

    private String refused(HealthSetCommand c) {
        return assertThrows(IllegalArgumentException.class, c::apply).getMessage();
    }

    @Test
    void badInputIsRefusedWithTheReasonAndNothingIsStored() {
        assertEquals("no device 'nope' (yagura:devices lists them)", refused(set("nope")));
        HealthSetCommand c = set("acme-fw1");
        c.address = "cafe.bad";
        assertTrue(refused(c).contains("host names are never resolved"));
        c = set("acme-fw1");
        c.tcpPort = 70000;
        assertEquals("--tcp-port 70000 is not a port (1-65535, 0: none)", refused(c));
        c = set("acme-fw1");
        c.silence = "5x";
        assertEquals("'5x' is not a duration (90s, 30m, 2h or seconds)", refused(c));
        c = set("acme-fw1");
        c.interval = "0";
        assertEquals("--interval must be longer than 0", refused(c));
        c = set("acme-fw1");
        c.ping = "maybe";
        assertEquals("--ping takes true or false, not 'maybe'", refused(c));
        assertTrue(platform.health.allSettings().isEmpty(), "nothing stored");
    }

    @Test
    void anUpstreamLoopIsRefused() {
        HealthSetCommand c = set("acme-fw1");
        c.upstream = "acme-rtr";
        c.apply();
        c = set("acme-rtr");
        c.upstream = "acme-fw1";
        assertEquals("acme-fw1 is behind acme-rtr already: that would be a loop", refused(c));
    }

    @Test
    void optionsNotGivenKeepTheirValueAndResetForgetsThem() {
        HealthSetCommand c = set("acme-fw1");
        c.tcpPort = 22;
        c.silence = "2h";
        c.apply();
        c = set("acme-fw1");
        c.ping = "false";
        c.interval = "90s";
        c.apply();
        assertEquals(new HealthSettings("acme-fw1", null, false, 22, Duration.ofSeconds(90), Duration.ofHours(2), null),
                platform.health.settings("acme-fw1").orElseThrow());
        c = set("acme-fw1");
        c.retries = 4;
        c.retryGap = "30s";
        c.faultAfter = "5m";
        c.apply();
        HealthSettings own = platform.health.settings("acme-fw1").orElseThrow();
        assertEquals(new HealthSettings("acme-fw1", null, false, 22, Duration.ofSeconds(90), Duration.ofHours(2), null, 4,
                Duration.ofSeconds(30), Duration.ofMinutes(5)), own);
        assertEquals("ICMP off, tcp/22, interval PT1M30S, retries 4, retry gap PT30S, fault after PT5M, silence after PT2H"
                + " (the rest: defaults)", HealthCommand.overrides(own));
        c = set("acme-fw1");
        c.retries = -1;
        assertEquals("--retries -1 is not between 0 and 100", refused(c));
        c = set("acme-fw1");
        c.retryGap = "0";
        assertEquals("--retry-gap must be longer than 0", refused(c));
        c = set("acme-fw1");
        c.reset = true;
        c.apply();
        assertTrue(platform.health.settings("acme-fw1").isEmpty());
    }

    @Test
    void healthListsEveryDeviceAndOneDeviceWithItsHistory() throws Exception {
        HealthService view = platform.service(quartz, Platform.config(Map.of("enabled", false)));
        try {
            Instant t = Instant.parse("2026-12-05T10:00:00Z");
            platform.health.addTransition(new HealthTransition("acme-fw1", t, HealthState.UNKNOWN, HealthState.UP,
                    "ICMP echo reply from 198.18.0.2"));
            HealthCommand table = new HealthCommand();
            String all = print(table, view);
            assertTrue(all.contains("acme-fw1") && all.contains("acme-rtr") && all.contains("UNKNOWN"), all);
            assertTrue(all.contains("ICMP: "), all);

            HealthCommand one = new HealthCommand();
            one.device = "acme-fw1";
            String withHistory = print(one, view);
            assertTrue(withHistory.contains("History of acme-fw1") && withHistory.contains("ICMP echo reply from 198.18.0.2"),
                    withHistory);

            one.json = true;
            JsonNode json = new ObjectMapper().readTree(print(one, view));
            assertEquals("acme-fw1", json.get("device").asText());
            assertEquals("UP", json.get("history").get(0).get("to").asText());

            one.device = "nope";
            assertEquals("No device 'nope' (yagura:devices lists them)",
                    assertThrows(CommandException.class, () -> print(one, view)).getMessage());
        } finally {
            view.deactivate();
        }
    }

    @Test
    void aWrongIcmpMethodStopsIcmpOnlyAndSaysWhy() {
        HealthService view = platform.service(quartz, Platform.config(Map.of("enabled", false, "icmp_method", "tcp")));
        try {
            assertEquals("ICMP unavailable: icmp.method 'tcp' is not one of auto, fping, ping, jdk, none "
                    + "(etc/io.yagura.health.cfg)", view.icmpMethod());
        } finally {
            view.deactivate();
        }
    }

    private static String print(HealthCommand command, HealthService view) throws CommandException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        command.print(view, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
