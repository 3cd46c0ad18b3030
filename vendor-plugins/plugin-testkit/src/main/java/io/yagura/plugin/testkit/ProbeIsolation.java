package io.yagura.plugin.testkit;

import io.yagura.api.plugin.VendorPlugin;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A probe claims only its own family: lines of other vendors the test kit knows (an ASA line, CEF
 * and LEEF of another vendor, plain syslog) and every line of another family in the shared corpus.
 */
public final class ProbeIsolation {

    /** A line of a known family ({@code family} is a vendor id, or a format no plugin reads). */
    public record Foreign(String family, String line) {
    }

    /** Composed from the vendors' documented formats with documentation addresses. */
    public static final List<Foreign> OTHER_FAMILIES = List.of(
            new Foreign("cisco-asa", "%ASA-4-106023: Deny tcp src outside:203.0.113.5/4455 dst inside:10.0.0.5/22 by access-group \"outside_in\" [0x0, 0x0]"),
            new Foreign("cisco-asa", "<166>Mar 12 2024 10:00:00 fw01 : %ASA-6-302013: Built inbound TCP connection 1 for outside:203.0.113.5/4455 (203.0.113.5/4455) to inside:10.0.0.5/22 (10.0.0.5/22)"),
            new Foreign("cef", "CEF:0|Acme|Widget Firewall|1.0|100|Connection denied|5|src=192.0.2.1 dst=198.51.100.2 act=deny"),
            new Foreign("cef", "<134>Mar 12 10:00:00 acme-fw CEF:0|Acme|Widget IPS|2.1|4711|SQL injection attempt|8|src=192.0.2.1 spt=4455 dst=198.51.100.2 dpt=80 act=blocked"),
            new Foreign("leef", "LEEF:1.0|Acme|Widget IPS|2.1|4711|src=192.0.2.1\tdst=198.51.100.2\tsev=5"),
            new Foreign("leef", "<134>Mar 12 10:00:00 acme-ips LEEF:2.0|Acme|Widget IPS|2.1|4711|^|src=192.0.2.1^dst=198.51.100.2^sev=5"),
            new Foreign("syslog", "<86>Mar 12 10:00:01 bastion sshd[2201]: Failed password for invalid user admin from 203.0.113.6 port 51000 ssh2"),
            new Foreign("syslog", "<13>1 2024-03-12T10:00:00.000Z web01 nginx 1234 - - 203.0.113.5 - - \"GET /index.html HTTP/1.1\" 200 512"),
            new Foreign("syslog", "<189>Mar 12 10:00:02 rtr-01: %SEC-6-IPACCESSLOGP: list 101 denied tcp 203.0.113.7(1234) -> 10.0.0.1(23), 1 packet"),
            new Foreign("syslog", "Mar 12 10:00:03 host kernel: [12345.678] IN=eth0 OUT= SRC=203.0.113.8 DST=192.0.2.1 PROTO=TCP SPT=4455 DPT=22"));

    private ProbeIsolation() {
    }

    /** The known lines of other families that the plugin's probe claims, each with its family. */
    public static List<String> claimedKnownLines(VendorPlugin plugin, List<String> extra) {
        List<String> claimed = new ArrayList<>();
        for (Foreign f : OTHER_FAMILIES) {
            if (!f.family().equals(plugin.vendorId()) && plugin.probe(f.line())) {
                claimed.add(f.family() + ": " + f.line());
            }
        }
        extra.stream().filter(plugin::probe).forEach(l -> claimed.add("extra: " + l));
        return claimed;
    }

    /**
     * The shared-corpus lines of other families that the plugin's probe claims (lines an exception
     * says are really the plugin's are its own); for a whole-document file, the document too.
     */
    public static List<String> claimedSharedLines(VendorPlugin plugin) {
        List<String> claimed = new ArrayList<>();
        for (Path file : SharedCorpus.files()) {
            String name = file.getFileName().toString();
            for (SharedCorpus.Line line : SharedCorpus.lines(file)) {
                if (!SharedCorpus.trueVendor(line).equals(plugin.vendorId()) && plugin.probe(line.text())) {
                    claimed.add(line.toString());
                }
            }
            if (SharedCorpus.DOCUMENTS.contains(name) && !SharedCorpus.FAMILIES.get(name).equals(plugin.vendorId())
                    && plugin.probe(SharedCorpus.text(file))) {
                claimed.add(name + " (the whole document)");
            }
        }
        return claimed;
    }
}
