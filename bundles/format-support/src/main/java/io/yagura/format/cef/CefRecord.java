package io.yagura.format.cef;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One ArcSight Common Event Format record:
 * {@code CEF:Version|Device Vendor|Device Product|Device Version|Signature ID|Name|Severity|Extension}.
 *
 * @param version       CEF version (0 or 1)
 * @param vendor        Device Vendor
 * @param product       Device Product
 * @param deviceVersion Device Version
 * @param signatureId   Signature ID (Device Event Class ID)
 * @param name          Name
 * @param severity      Severity as written: 0-10, or Low/Medium/High/Very-High/Unknown
 * @param extension     the key=value extension, escapes resolved, in order
 */
public record CefRecord(int version, String vendor, String product, String deviceVersion, String signatureId,
                        String name, String severity, Map<String, String> extension) {

    public String get(String key) {
        return extension.get(key);
    }

    /**
     * The custom fields by their labels: {@code cs1Label=Policy cs1=Default} gives
     * {@code Policy -> Default}; so a parser reads vendor fields by the name the vendor gave them.
     */
    public Map<String, String> labelled() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : extension.entrySet()) {
            String key = e.getKey();
            if (key.endsWith("Label")) {
                String valueKey = key.substring(0, key.length() - "Label".length());
                String value = extension.get(valueKey);
                if (value != null) {
                    out.put(e.getValue(), value);
                }
            }
        }
        return out;
    }

    /** Severity on CEF's 0-10 scale; words map to the middle of their band; null when unreadable. */
    public Integer severityNumber() {
        if (severity == null) {
            return null;
        }
        String s = severity.trim();
        try {
            int v = Integer.parseInt(s);
            return v >= 0 && v <= 10 ? v : null;
        } catch (NumberFormatException word) {
            return switch (s.toLowerCase(java.util.Locale.ROOT)) {
                case "low" -> 2;
                case "medium" -> 5;
                case "high" -> 7;
                case "very-high", "very high", "critical" -> 9;
                default -> null;
            };
        }
    }
}
