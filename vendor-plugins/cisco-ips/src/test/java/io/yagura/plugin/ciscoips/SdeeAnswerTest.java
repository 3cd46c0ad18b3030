package io.yagura.plugin.ciscoips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.plugin.ParseContext;
import io.yagura.api.plugin.ParseResult;
import io.yagura.plugin.testkit.Samples;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class SdeeAnswerTest {

    static SdeeAnswer read(String xml) {
        return SdeeAnswer.read(xml.getBytes(StandardCharsets.UTF_8));
    }

    static ParseResult parse(String record) {
        return CiscoIpsPluginTest.PLUGIN.parser().parse(Samples.envelope("cisco-ips", record), ParseContext.DEFAULT);
    }

    /** The real answer of the shared corpus, cut as the connector cuts it: three events, each a record the parser reads alone. */
    @Test
    void theSharedSdeeAnswerIsCutIntoRecords() throws Exception {
        Samples.shared(CiscoIpsPluginTest.SHARED_SDEE).ifPresent(file -> {
            byte[] body;
            try {
                body = Files.readAllBytes(file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            SdeeAnswer answer = SdeeAnswer.read(body);
            assertNull(answer.fault());
            assertEquals("5e5885fc07977bd48ea352344c7230de", answer.sessionId());
            assertEquals(List.of("evIdsAlert", "evStatus", "evIdsAlert"), answer.events().stream().map(SdeeAnswer.Event::type).toList());
            assertEquals(List.of("6823242457034", "6823242457035", "6823242457036"),
                    answer.events().stream().map(SdeeAnswer.Event::id).toList());
            assertEquals(1385965230914381000L, answer.events().get(2).timeNanos());
            List<String> results = answer.events().stream().map(e -> parse(e.text())).map(r -> r.getClass().getSimpleName()).toList();
            assertEquals(List.of("Parsed", "Ignored", "Parsed"), results);
            ParseResult.Parsed hijack = (ParseResult.Parsed) parse(answer.events().get(2).text());
            assertEquals("3250", hijack.events().get(0).getString("rule.id"));
            assertEquals("te0_0", hijack.events().get(0).getString("observer.ingress.interface.name"));
        });
    }

    @Test
    void anOpenAnswerGivesTheSubscription() {
        SdeeAnswer a = read(SdeeTestServer.envelope("<sd:oobInfo><sd:sessionId> s1 </sd:sessionId><sd:subscriptionId>sub-7</sd:subscriptionId></sd:oobInfo>", ""));
        assertEquals("sub-7", a.subscriptionId());
        assertEquals("s1", a.sessionId());
        assertEquals(List.of(), a.events());
    }

    @Test
    void faultsGiveTheSdeeErrorCode() {
        assertEquals("errNotFound", read(SdeeTestServer.fault("errNotFound", "gone")).fault().code());
        assertEquals("gone", read(SdeeTestServer.fault("errNotFound", "gone")).fault().reason());
        // only a SOAP subcode
        SdeeAnswer subcode = read(SdeeTestServer.envelope("", "<env:Fault><env:Code><env:Value>env:Sender</env:Value><env:Subcode>"
                + "<env:Value>sd:errLimitExceeded</env:Value></env:Subcode></env:Code></env:Fault>"));
        assertEquals("errLimitExceeded", subcode.fault().code());
        // SOAP 1.1 style
        SdeeAnswer old = read("<env:Envelope xmlns:env=\"http://schemas.xmlsoap.org/soap/envelope/\"><env:Body><env:Fault>"
                + "<faultcode>env:Server</faultcode><faultstring>boom</faultstring></env:Fault></env:Body></env:Envelope>");
        assertEquals("Server", old.fault().code());
        assertEquals("boom", old.fault().reason());
    }

    @Test
    void eventsAreCopiedFaithfullyOnOneLine() {
        SdeeAnswer a = read(SdeeTestServer.envelope("", """
                <sd:events>
                  <sd:evIdsAlert eventId="9" severity="low" note="a&quot;b&lt;c">
                    <sd:signature id="1" description="x &amp; y"><cid:subsigId>0</cid:subsigId><cid:empty/></sd:signature>
                    <sd:alertDetails><![CDATA[1 < 2]]>
                tab	and line</sd:alertDetails>
                    <!-- a comment -->
                    <x:other xmlns:x="urn:other" x:attr="v">t</x:other>
                  </sd:evIdsAlert>
                </sd:events>"""));
        String text = a.events().get(0).text();
        assertEquals("<sd:evIdsAlert xmlns:sd=\"http://example.org/2003/08/sdee\" xmlns:cid=\"http://www.cisco.com/cids/2006/08/cidee\""
                + " eventId=\"9\" severity=\"low\" note=\"a&quot;b&lt;c\"><sd:signature id=\"1\" description=\"x &amp; y\">"
                + "<cid:subsigId>0</cid:subsigId><cid:empty/></sd:signature><sd:alertDetails>1 &lt; 2&#10;tab\tand line</sd:alertDetails>"
                + "<x:other xmlns:x=\"urn:other\" x:attr=\"v\">t</x:other></sd:evIdsAlert>", text);
        assertNull(a.events().get(0).timeNanos());
    }

    @Test
    void anythingButAnEnvelopeIsRefused() {
        assertTrue(assertThrows(SdeeXml.Refused.class, () -> read("<html><body>login</body></html>")).getMessage().contains("Envelope"));
        assertTrue(assertThrows(SdeeXml.Refused.class, () -> read("")).getMessage().contains("malformed"));
        assertInstanceOf(SdeeXml.Refused.class, assertThrows(RuntimeException.class,
                () -> read("<!DOCTYPE x [<!ENTITY a 'b'>]><env:Envelope xmlns:env=\"e\">&a;</env:Envelope>")));
    }
}
