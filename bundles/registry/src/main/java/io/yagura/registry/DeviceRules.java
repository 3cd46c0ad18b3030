package io.yagura.registry;

import io.yagura.api.registry.Device;
import io.yagura.api.registry.ManagementEndpoint;
import io.yagura.api.registry.RegistryException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a device's version, clock zone and management endpoint must look like, checked before
 * they are stored: a pull connector or a firewall driver that cannot use them is found out by
 * the operator who types them. No message ever quotes a secret, nor a password written into a
 * URL by mistake.
 */
final class DeviceRules {

    static final int MAX_VERSION = 32;
    static final int MAX_URL = 2048;
    static final int MAX_USERNAME = 256;
    static final int MAX_TRUST_STORE = 1024;
    static final Duration MIN_POLL = Duration.ofSeconds(5);
    static final Duration MAX_POLL = Duration.ofHours(1);
    static final Set<String> SCHEMES = Set.of("http", "https", "ssh");
    static final String ZONE_EXAMPLE = "a region such as Asia/Tokyo, Europe/Berlin or America/New_York, "
            + "or UTC, or an offset such as +09:00";
    static final String URL_EXAMPLE = "https://192.0.2.20/cgi-bin/sdee-server";
    /** The user-info part of a URL, masked in messages: it may hold a password. */
    private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@");

    private DeviceRules() {
    }

    static void check(Device d) throws RegistryException {
        String owner = "device '" + d.id() + "'";
        String v = d.productVersion();
        if (v != null) {
            if (v.isBlank()) {
                throw new RegistryException(owner + ": productVersion is empty; leave it out when unknown");
            }
            if (v.length() > MAX_VERSION) {
                throw new RegistryException(owner + ": productVersion '" + v + "' is longer than " + MAX_VERSION
                        + " characters");
            }
            if (hasControl(v)) {
                throw new RegistryException(owner + ": productVersion contains control characters");
            }
        }
        if (d.management() != null) {
            checkManagement(owner, d.management());
        }
    }

    private static void checkManagement(String owner, ManagementEndpoint m) throws RegistryException {
        String url = m.url();
        if (url == null || url.isBlank()) {
            throw new RegistryException(owner + ": the management endpoint has no url (e.g. " + URL_EXAMPLE + ")");
        }
        String shown = shown(url);
        if (url.length() > MAX_URL || hasControl(url)) {
            throw new RegistryException(owner + ": management url '" + (url.length() > 80 ? shown.substring(0, 80)
                    + "..." : shown) + "' is longer than " + MAX_URL + " characters or contains control characters");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            // e.getMessage() quotes the whole input, user-info included: only the reason is told
            throw new RegistryException(owner + ": management url '" + shown + "' is not a URL: " + e.getReason()
                    + " at index " + e.getIndex() + " (e.g. " + URL_EXAMPLE + ")", e);
        }
        if (uri.getRawUserInfo() != null && uri.getRawUserInfo().contains(":")) {
            throw new RegistryException(owner + ": management url '" + shown + "' carries a password; give the "
                    + "user as username and the password as the device's secret (yagura:device-secret "
                    + "reads it without echo)");
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null || !SCHEMES.contains(scheme)) {
            throw new RegistryException(owner + ": management url '" + shown + "' must start with http://, "
                    + "https:// or ssh:// (e.g. " + URL_EXAMPLE + ")");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new RegistryException(owner + ": management url '" + shown + "' has no host (e.g. "
                    + URL_EXAMPLE + ")");
        }
        String user = m.username();
        if (user != null && (user.isBlank() || user.length() > MAX_USERNAME || hasControl(user))) {
            throw new RegistryException(owner + ": management username must be 1.." + MAX_USERNAME
                    + " characters without control characters; leave it out when the device takes none");
        }
        Duration poll = m.pollInterval();
        if (poll != null && (poll.compareTo(MIN_POLL) < 0 || poll.compareTo(MAX_POLL) > 0 || poll.getNano() != 0)) {
            throw new RegistryException(owner + ": poll interval must be whole seconds from " + MIN_POLL.toSeconds()
                    + " s to 1 h (" + MAX_POLL.toSeconds() + " s), not " + seconds(poll));
        }
        String store = m.trustStore();
        if (store != null && (store.isBlank() || store.length() > MAX_TRUST_STORE || hasControl(store))) {
            throw new RegistryException(owner + ": trust store must be the path of a PKCS#12 or JKS file (relative "
                    + "to Karaf's etc/ unless absolute), at most " + MAX_TRUST_STORE + " characters");
        }
    }

    /**
     * The zone an operator typed, or the reason it is refused.
     *
     * @return the zone, null for null or blank text (UTC applies)
     */
    static ZoneId zone(String text) throws IllegalArgumentException {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return ZoneId.of(text.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("time zone '" + text + "' is not known (" + ZONE_EXAMPLE + ")", e);
        }
    }

    /** The URL as it may be shown: anything before '@' after the scheme replaced by ***. */
    static String shown(String url) {
        return url == null ? null : USER_INFO.matcher(url).replaceFirst("$1***@");
    }

    private static String seconds(Duration d) {
        return d.getNano() == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(Character::isISOControl);
    }
}
