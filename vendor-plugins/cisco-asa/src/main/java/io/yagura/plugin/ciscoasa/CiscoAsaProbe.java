package io.yagura.plugin.ciscoasa;

/**
 * Cheap recognition of Cisco ASA / PIX / FTD (ASA engine) lines: a {@code %ASA-}, {@code %PIX-} or
 * {@code %FTD-} tag followed by an optional facility word, a level 0-7 and a six-digit message id,
 * within the first {@value AsaMarker#SCAN_LIMIT} characters. No regex, no allocation for non-ASA
 * lines beyond the scan; never throws.
 */
public final class CiscoAsaProbe {

    private CiscoAsaProbe() {
    }

    public static boolean probe(String line) {
        try {
            AsaMarker marker = AsaMarker.find(line);
            return marker != null && !isFirepowerNative(marker);
        } catch (RuntimeException unexpected) {
            return false;
        }
    }

    /**
     * FTD also sends its own Snort/Firepower events (%FTD-1-430001 intrusion, 430002/430003
     * connection, 430004 file, 430005 malware); those belong to a Firepower parser, not to the
     * ASA engine, so the probe does not claim them.
     */
    static boolean isFirepowerNative(AsaMarker marker) {
        return "FTD".equals(marker.product()) && marker.id().startsWith("4300");
    }
}
