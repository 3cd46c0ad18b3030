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
            return AsaMarker.find(line) != null;
        } catch (RuntimeException unexpected) {
            return false;
        }
    }
}
