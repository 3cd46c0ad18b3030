package io.yagura.plugin.ciscofirepower;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FirepowerFieldsTest {

    private static Map<String, String> parse(String s) {
        return FirepowerFields.parse(s, 0, s.length());
    }

    @Test
    void valuesKeepCommasColonsAndSpacesUntilTheNextKey() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("UserAgent", "Mozilla/5.0 (KHTML, like Gecko) Chrome/1.0");
        expected.put("Endpoint Profile", "Workstation:Microsoft-Workstation");
        expected.put("FirstPacketSecond", "2024-03-12T10:15:04Z");
        expected.put("Security Intelligence Matching IP", "None");
        expected.put("DNS_TTL", "150");
        expected.put("Message", "");
        assertEquals(expected, parse("UserAgent: Mozilla/5.0 (KHTML, like Gecko) Chrome/1.0, Endpoint Profile: "
                + "Workstation:Microsoft-Workstation, FirstPacketSecond: 2024-03-12T10:15:04Z, Security Intelligence Matching IP:"
                + " None, DNS_TTL: 150, Message:"));
    }

    @Test
    void firstOfRepeatedKeysWinsAndTextWithoutKeysGivesNothing() {
        assertEquals(Map.of("SrcIP", "192.0.2.1"), parse("SrcIP: 192.0.2.1, SrcIP: 192.0.2.2"));
        assertEquals(Map.of(), parse("no key here, at all"));
        assertEquals(Map.of(), parse(""));
        assertEquals(Map.of("A", "b, lower case: stays"), parse("A: b, lower case: stays"));
    }

    @Test
    void keysAreBounded() {
        assertEquals(-1, FirepowerFields.keyAt("One Two Three Four Five Six Seven: x", 0, 36), "seven words");
        assertEquals(-1, FirepowerFields.keyAt("K".repeat(60) + ": x", 0, 63), "too long");
        assertEquals(5, FirepowerFields.keyAt("SrcIP: x", 0, 8));
        assertEquals(-1, FirepowerFields.keyAt("SrcIP:x", 0, 7), "a colon inside a value");
    }
}
