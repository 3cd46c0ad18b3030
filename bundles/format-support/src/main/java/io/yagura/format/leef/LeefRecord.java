package io.yagura.format.leef;

import java.util.Map;

/**
 * One IBM QRadar Log Event Extended Format record.
 *
 * @param version    "1.0" or "2.0"
 * @param vendor     Vendor
 * @param product    Product
 * @param productVersion Version
 * @param eventId    EventID
 * @param delimiter  attribute delimiter (tab unless LEEF 2.0 names another)
 * @param attributes the attributes in order
 */
public record LeefRecord(String version, String vendor, String product, String productVersion, String eventId,
                         char delimiter, Map<String, String> attributes) {

    public String get(String key) {
        return attributes.get(key);
    }
}
