package io.yagura.api.registry;

import java.time.Duration;

/**
 * How the platform reaches a device: the pull connector's URL (Cisco IPS SDEE), later the
 * firewall driver's address. The secret is held in memory only; the registry stores it
 * encrypted and never shows or exports it in clear.
 *
 * @param url          e.g. "https://192.0.2.20/cgi-bin/sdee-server"
 * @param username     login on the device
 * @param secret       password or token; never null (use {@link Secret#NONE})
 * @param pollInterval how often a pull connector asks for new events; null for the default
 * @param trustStore   path of a trust store (PKCS#12 or JKS) for the device's TLS certificate,
 *                     relative to Karaf's etc/ unless absolute; null for the platform default
 */
public record ManagementEndpoint(String url, String username, Secret secret, Duration pollInterval,
                                 String trustStore) {

    public ManagementEndpoint {
        secret = secret == null ? Secret.NONE : secret;
    }

    /** The same endpoint with another secret. */
    public ManagementEndpoint withSecret(Secret newSecret) {
        return new ManagementEndpoint(url, username, newSecret, pollInterval, trustStore);
    }

    /** Shown in consoles and logs: the secret masked. */
    @Override
    public String toString() {
        return "ManagementEndpoint[url=" + url + ", username=" + username + ", secret=" + secret
                + ", pollInterval=" + pollInterval + ", trustStore=" + trustStore + "]";
    }
}
