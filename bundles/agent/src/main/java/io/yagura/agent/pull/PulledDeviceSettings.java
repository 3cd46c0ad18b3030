package io.yagura.agent.pull;

import io.yagura.api.registry.Device;
import io.yagura.api.registry.ManagementEndpoint;
import io.yagura.api.registry.Secret;
import io.yagura.format.net.Addresses;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads one pulled device's configuration ({@link PulledDeviceConfig}) into a {@link Device} with
 * a management endpoint, checking every field: a wrong one is refused with its name and why,
 * never its value when it is the password. Pure logic, no OSGi.
 *
 * <p>The device has no customer: the agent attributes nothing, the centre attributes its records
 * by their source address (the configured address) to a device of the agent's customer.
 */
public final class PulledDeviceSettings {

    /** Configuration keys, as written in the .cfg file. */
    static final String ID = "id";
    static final String VENDOR = "vendor";
    static final String ADDRESS = "address";
    static final String URL = "url";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String POLL_INTERVAL = "poll.interval.s";
    static final String TRUSTSTORE = "truststore";

    private static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final int MIN_INTERVAL_S = 5;
    private static final int MAX_INTERVAL_S = 3600;

    /** A field that is missing or wrong. */
    public static final class InvalidField extends Exception {

        private final String field;

        InvalidField(String field, String why) {
            super(field + ": " + why);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    private PulledDeviceSettings() {
    }

    /**
     * @param properties the configuration's properties (values as fileinstall gives them: strings, or typed values)
     * @param etc        the directory relative trust store paths are under (Karaf's etc/)
     * @throws InvalidField naming the first wrong field
     */
    public static Device parse(Map<String, ?> properties, Path etc) throws InvalidField {
        String id = required(properties, ID);
        if (!ID_PATTERN.matcher(id).matches()) {
            throw new InvalidField(ID, "'" + id + "' is not a device id (letters, digits, '.', '_', '-'; at most 64)");
        }
        String vendor = text(properties, VENDOR);
        vendor = vendor.isEmpty() ? "cisco-ips" : vendor;
        String address;
        try {
            address = Addresses.toText(Addresses.require(required(properties, ADDRESS)));
        } catch (IllegalArgumentException e) {
            throw new InvalidField(ADDRESS, e.getMessage());
        }
        String url = required(properties, URL);
        checkUrl(url);
        String username = required(properties, USERNAME);
        Object password = properties.get(PASSWORD);
        if (password == null || password.toString().isEmpty()) {
            throw new InvalidField(PASSWORD, "not set");
        }
        Duration interval = interval(text(properties, POLL_INTERVAL));
        String trustStore = text(properties, TRUSTSTORE);
        if (!trustStore.isEmpty()) {
            Path file = Path.of(trustStore).isAbsolute() ? Path.of(trustStore) : etc.resolve(trustStore);
            if (!Files.isRegularFile(file)) {
                throw new InvalidField(TRUSTSTORE, "file " + file + " does not exist");
            }
        }
        ManagementEndpoint endpoint = new ManagementEndpoint(url, username, Secret.of(password.toString()), interval,
                trustStore.isEmpty() ? null : trustStore);
        return new Device(id, null, vendor, null, List.of(address)).withManagement(endpoint);
    }

    private static void checkUrl(String url) throws InvalidField {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidField(URL, "'" + url + "' is not a URL: " + e.getReason());
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new InvalidField(URL, "'" + url + "' is not an https:// URL with a host (credentials are never sent in clear)");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidField(URL, "must not hold a user or password: use username and password");
        }
    }

    private static Duration interval(String text) throws InvalidField {
        if (text.isEmpty()) {
            return null;
        }
        int seconds;
        try {
            seconds = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new InvalidField(POLL_INTERVAL, "'" + text + "' is not a number of seconds");
        }
        if (seconds < MIN_INTERVAL_S || seconds > MAX_INTERVAL_S) {
            throw new InvalidField(POLL_INTERVAL, seconds + " is outside " + MIN_INTERVAL_S + " to " + MAX_INTERVAL_S + " seconds");
        }
        return Duration.ofSeconds(seconds);
    }

    private static String required(Map<String, ?> properties, String key) throws InvalidField {
        String value = text(properties, key);
        if (value.isEmpty()) {
            throw new InvalidField(key, "not set");
        }
        return value;
    }

    private static String text(Map<String, ?> properties, String key) {
        Object value = properties.get(key);
        return value == null ? "" : value.toString().trim();
    }
}
