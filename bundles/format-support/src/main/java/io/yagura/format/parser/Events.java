package io.yagura.format.parser;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.format.net.Addresses;
import io.yagura.format.net.Ports;
import io.yagura.format.net.Transports;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Field-setting helpers every plugin uses the same way, so that fields mean one thing across vendors. */
public final class Events {

    private static final Pattern CVE = Pattern.compile("CVE-(\\d{4})-(\\d{4,7})", Pattern.CASE_INSENSITIVE);

    private Events() {
    }

    /**
     * The verdict: event.action from the shared vocabulary ({@link Ecs#VERDICTS}), event.outcome,
     * event.category. An action outside the vocabulary is a programming error.
     */
    public static SecurityEvent verdict(SecurityEvent e, String action, String outcome, String... categories) {
        if (!Ecs.VERDICTS.contains(action)) {
            throw new IllegalArgumentException("event.action '" + action + "' is not one of " + Ecs.VERDICTS);
        }
        e.set(Ecs.EVENT_ACTION, action);
        e.set(Ecs.EVENT_OUTCOME, outcome);
        if (categories.length > 0) {
            e.categories(categories);
        }
        return e;
    }

    /** event.type as a list (ECS): "connection", "start", "denied", "info"... */
    public static SecurityEvent types(SecurityEvent e, String... types) {
        return e.set(Ecs.EVENT_TYPE, List.of(types));
    }

    /**
     * Sets an address field from text when the text is an IP address (canonical form), else leaves
     * it unset; returns whether it was set. Host names go to the matching *.domain field.
     */
    public static boolean address(SecurityEvent e, String ipField, String text) {
        String ip = Addresses.normalize(text);
        if (ip != null) {
            e.set(ipField, ip);
            return true;
        }
        return false;
    }

    /** Sets a port field from digits or a service name; leaves it unset for anything else or 0..65535 overflow. */
    public static boolean port(SecurityEvent e, String portField, String text) {
        Long p = Ports.port(text);
        if (p != null) {
            e.set(portField, p);
            return true;
        }
        return false;
    }

    /** network.transport from a protocol name or number. */
    public static SecurityEvent transport(SecurityEvent e, String protocol) {
        return e.set(Ecs.NETWORK_TRANSPORT, Transports.transport(protocol));
    }

    /** Sets a numeric field from digits; ignores text that is not a number. */
    public static SecurityEvent number(SecurityEvent e, String field, String digits) {
        return e.setNumber(field, digits);
    }

    /** The CVE ids written anywhere in {@code texts}, upper case, in order, each once. */
    public static List<String> cves(String... texts) {
        Set<String> found = new LinkedHashSet<>();
        for (String t : texts) {
            if (t == null) {
                continue;
            }
            Matcher m = CVE.matcher(t);
            while (m.find() && found.size() < 32) {
                found.add(("CVE-" + m.group(1) + "-" + m.group(2)).toUpperCase(Locale.ROOT));
            }
        }
        return new ArrayList<>(found);
    }

    /** Sets vulnerability.id to the CVEs found in the texts (unset when there are none). */
    public static SecurityEvent vulnerabilities(SecurityEvent e, String... texts) {
        List<String> ids = cves(texts);
        return e.set(Ecs.VULNERABILITY_ID, ids.isEmpty() ? null : ids);
    }

    /** Null for null, blank, "-", "N/A", "none" and the like: devices' ways of saying "no value". */
    public static String value(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        if (t.isEmpty() || t.equals("-") || t.equalsIgnoreCase("n/a") || t.equalsIgnoreCase("none")
                || t.equalsIgnoreCase("null") || t.equals("--")) {
            return null;
        }
        return t;
    }
}
