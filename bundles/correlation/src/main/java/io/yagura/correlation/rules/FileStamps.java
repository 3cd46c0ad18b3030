package io.yagura.correlation.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Modification time and size of a set of files, taken before they are read: a file list is read
 * again when its stamps differ from the stamps of the last read (a file added, removed, changed).
 * A missing or unreadable file has the stamp (-1, -1), so that creating it later counts as a change.
 * Shared by the rule directory, the threat-intelligence lists and the asset file.
 */
public record FileStamps(Map<Path, Stamp> stamps) {

    public static final FileStamps NONE = new FileStamps(Map.of());

    public record Stamp(long modified, long size) {
    }

    public FileStamps {
        stamps = Collections.unmodifiableMap(new LinkedHashMap<>(stamps)); // keeps the reading order
    }

    public static FileStamps of(Collection<Path> files) {
        Map<Path, Stamp> out = new LinkedHashMap<>();
        for (Path p : files) {
            try {
                out.put(p, new Stamp(Files.getLastModifiedTime(p).toMillis(), Files.size(p)));
            } catch (IOException missing) {
                out.put(p, new Stamp(-1, -1));
            }
        }
        return new FileStamps(out);
    }

    public Collection<Path> files() {
        return stamps.keySet();
    }
}
