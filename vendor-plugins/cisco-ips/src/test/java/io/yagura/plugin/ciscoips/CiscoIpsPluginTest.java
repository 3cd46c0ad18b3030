package io.yagura.plugin.ciscoips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.DeviceType;
import io.yagura.api.plugin.ParseContext;
import io.yagura.api.plugin.ParseResult;
import io.yagura.plugin.testkit.PluginContract;
import io.yagura.plugin.testkit.Samples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CiscoIpsPluginTest extends PluginContract {

    static final CiscoIpsPlugin PLUGIN = new CiscoIpsPlugin();

    /**
     * The shared corpus: the real IOS IPS lines are all signature alerts: every one becomes an event.
     * <p>
     * The probe must also refuse: an FTD event, IOS messages that are not IPS ones, an element that
     * only starts like evIdsAlert.
     */
    CiscoIpsPluginTest() {
        super(PLUGIN, 1.0,
                "<166>%FTD-1-430001: EventPriority: High, DeviceUUID: 1, SrcIP: 192.0.2.1",
                "<189>Nov 14 22:13:00 rtr %SYS-5-CONFIG_I: Configured from console by admin",
                "<189>Nov 14 22:13:00 rtr msg=\"100%IPS-ready\" %IPS",
                "<event><evIdsAlertness/></event>" + "x".repeat(300) + "<evIdsAlert");
    }

    /** The shared SDEE answer is a multi-line XML document handed over whole, not lines. */
    static final String SHARED_SDEE = "cisco-ips-sdee.xml";

    /** Every real IOS IPS line becomes an alert with a signature and both addresses. */
    @Test
    void theSharedSyslogCorpusLinesBecomeAlerts() {
        Samples.shared("cisco-ips-syslog.log").ifPresent(file -> {
            List<String> lines = Samples.read(file);
            assertTrue(lines.size() >= 10, "the shared corpus lost its lines: " + file);
            for (String line : lines) {
                SecurityEvent e = only(parse(line));
                assertEquals("alert", e.getString("event.kind"), line);
                assertTrue(e.has("rule.id") && e.has("rule.name") && e.has("source.ip") && e.has("destination.ip")
                        && e.has("log.level"), () -> "incomplete: " + e + "\n  " + line);
            }
        });
    }

    /**
     * The real SDEE answer, handed over whole as one record, gives its two alerts (the evStatus is
     * not one); the high-severity TCP Hijack was let through by a promiscuous sensor.
     */
    @Test
    void theSharedSdeeAnswerGivesItsAlerts() {
        Samples.shared(SHARED_SDEE).ifPresent(file -> {
            ParseResult r = parse(read(file));
            List<SecurityEvent> events = assertInstanceOf(ParseResult.Parsed.class, r, r::toString).events();
            assertEquals(2, events.size(), events::toString);
            assertEquals(List.of("1208", "3250"), events.stream().map(e -> e.getString("rule.id")).toList());
            SecurityEvent hijack = events.get(1);
            assertEquals("alert", hijack.getString("event.action"), "denyPacketRequestedNotPerformed: nothing was denied");
            assertEquals("high", hijack.getString("log.level"));
            assertEquals("10.0.0.2", hijack.getString("source.ip"));
            assertEquals(443L, hijack.getLong("destination.port"));
            assertEquals("2013-12-02T06:20:30.914381Z", hijack.getString("@timestamp"));
        });
    }

    /** Of the SDEE answer's lines, the probe claims those that start the envelope, the two evIdsAlert and the evStatus. */
    @Test
    void theProbeClaimsTheLinesThatStartSdeeRecords() {
        Samples.shared(SHARED_SDEE).ifPresent(file -> assertEquals(4, Samples.read(file).stream().filter(PLUGIN::probe).count()));
    }

    /** A record as a sensor pretty-prints it, over many lines, reads like the one-line form. */
    @Test
    void aMultiLineRecordReadsLikeItsOneLineForm() {
        String oneLine = samples().get(0);
        String pretty = oneLine.replace("><", ">\n    <").replace("<sd:evIdsAlert ", "\n  <sd:evIdsAlert\n     ");
        assertTrue(pretty.lines().count() > 20);
        assertEquals(only(parse(oneLine)).fields(), only(parse(pretty)).fields());
    }

    @Test
    void xmlExternalEntitiesAreRefusedAndNeverRead() {
        for (String xxe : List.of(
                "<!DOCTYPE evIdsAlert [<!ENTITY xxe SYSTEM \"file:///etc/hostname\">]><evIdsAlert eventId=\"1\"><signature id=\"1\" description=\"&xxe;\"/></evIdsAlert>",
                "<?xml version=\"1.0\"?><!DOCTYPE evIdsAlert SYSTEM \"http://198.51.100.1/x.dtd\"><evIdsAlert eventId=\"1\"><signature id=\"1\"/></evIdsAlert>",
                "<!DOCTYPE a [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;\">]><evIdsAlert eventId=\"1\"><signature id=\"1\" description=\"&c;\"/></evIdsAlert>",
                "<evIdsAlert eventId=\"1\"><signature id=\"1\" description=\"&xxe;\"/></evIdsAlert>")) {
            ParseResult r = parse(xxe);
            ParseResult.Rejected rejected = assertInstanceOf(ParseResult.Rejected.class, r, () -> "accepted: " + xxe);
            assertTrue(rejected.reason().contains("DTD") || rejected.reason().contains("entity"), rejected.reason());
        }
    }

    @Test
    void deepOrHugeXmlIsRefused() {
        String deep = "<evIdsAlert>".repeat(100) + "</evIdsAlert>".repeat(100);
        assertTrue(((ParseResult.Rejected) parse(deep)).reason().contains("nested"));
        String many = "<evIdsAlert eventId=\"1\">" + "<x/>".repeat(25_000) + "</evIdsAlert>";
        assertTrue(((ParseResult.Rejected) parse(many)).reason().contains("elements"));
    }

    /** Sensors are pulled: the plugin offers its SDEE connector, and only that capability. */
    @Test
    void thePluginOffersItsSdeeConnector() {
        assertInstanceOf(SdeeConnector.class, PLUGIN.pullConnector().orElseThrow());
        assertTrue(PLUGIN.firewallDriver().isEmpty() && PLUGIN.signatureCatalogue().isEmpty());
        assertEquals(Set.of(DeviceType.IPS), PLUGIN.deviceTypes());
    }

    static ParseResult parse(String text) {
        return PLUGIN.parser().parse(Samples.envelope(PLUGIN.vendorId(), text), ParseContext.DEFAULT);
    }

    static SecurityEvent only(ParseResult r) {
        ParseResult.Parsed p = assertInstanceOf(ParseResult.Parsed.class, r, r::toString);
        assertEquals(1, p.events().size());
        return p.events().get(0);
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
