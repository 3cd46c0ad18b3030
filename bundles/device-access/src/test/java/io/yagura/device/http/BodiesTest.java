package io.yagura.device.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.yagura.format.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Request bodies: no value can break out of its place; hostile XML answers are not read. */
class BodiesTest {

    @Test
    void jsonValuesAreEscapedAndReadBackUnchanged() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "yagura-1\",\"admin\":true");
        body.put("comment", "line\nbreak \\ tab\t \u0001 \u2028");
        body.put("members", List.of(Map.of("name", "a"), 2, true));

        String json = JsonText.of(body);

        assertEquals(body.get("name"), Json.text(Json.DEFAULT.object(json), "name"));
        assertEquals(body.get("comment"), Json.text(Json.DEFAULT.object(json), "comment"));
        assertEquals(3, Json.list(Json.DEFAULT.object(json), "members").size());
    }

    @Test
    void xmlTextIsEscaped() {
        assertEquals("a&lt;/x&gt;&amp;&quot;&apos;b", XmlText.escape("a</x>&\"'b\u0000"));
    }

    @Test
    void xmlWithADoctypeIsNotRead() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><r>&e;</r>";

        assertNull(XmlText.parse(xxe));
        assertNull(XmlText.parse("<unclosed>"));
        assertEquals("response", XmlText.parse("<response status='success'/>").getDocumentElement().getTagName());
    }

    @Test
    void formsAreUrlEncoded() {
        assertEquals("type=op&cmd=%3Cshow%3E%26", DeviceRequest.encode(orderedMap("type", "op", "cmd", "<show>&")));
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
