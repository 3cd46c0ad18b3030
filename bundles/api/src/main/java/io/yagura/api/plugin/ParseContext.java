package io.yagura.api.plugin;

import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * What the platform knows about the device a line came from, for formats that need it.
 *
 * @param zone           zone of the device clock, for headers without zone or year (RFC 3164);
 *                       UTC when the device is unknown or has none set
 * @param productVersion the device's software version from the registry ("10.1"), or null;
 *                       PAN-OS, for one, adds CSV columns with each major version
 */
public record ParseContext(ZoneId zone, String productVersion) {

    /** An unregistered source, or a test: UTC, version unknown. */
    public static final ParseContext DEFAULT = new ParseContext(ZoneOffset.UTC, null);

    public ParseContext {
        zone = zone == null ? ZoneOffset.UTC : zone;
    }
}
