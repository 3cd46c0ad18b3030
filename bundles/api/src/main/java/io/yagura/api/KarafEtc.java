package io.yagura.api;

import java.nio.file.Path;

/**
 * Karaf's etc/ directory in configured paths. Config Admin replaces {@code ${karaf.etc}} in the
 * {@code .cfg} files it reads, but not in the defaults of a typed configuration
 * ({@code @AttributeDefinition}), which reach the component as written.
 */
public final class KarafEtc {

    /** The placeholder a configured path may start with. */
    public static final String PLACEHOLDER = "${karaf.etc}";

    private KarafEtc() {
    }

    /** Karaf's etc/ directory (system property {@code karaf.etc}), or {@code etc} outside Karaf (tests). */
    public static Path directory() {
        return Path.of(System.getProperty("karaf.etc", "etc"));
    }

    /** A configured path, trimmed, with {@value #PLACEHOLDER} replaced by {@link #directory()}. */
    public static Path resolve(String configured) {
        return Path.of(configured.trim().replace(PLACEHOLDER, directory().toString()));
    }
}
