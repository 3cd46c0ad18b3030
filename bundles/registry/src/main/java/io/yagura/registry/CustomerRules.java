package io.yagura.registry;

import io.yagura.api.incident.Level;
import io.yagura.api.registry.Contact;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.NotificationPolicy;
import io.yagura.api.registry.RegistryException;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a customer's contacts and notification policy must look like, checked before they
 * are stored: a contact the dispatcher cannot reach is found by the operator who types it,
 * not at 3 a.m. when an Emergency is to be sent.
 */
final class CustomerRules {

    /** Incident notices go by mail, phone and portal; "report" means: mail this contact the monthly report. */
    static final Set<String> CHANNELS = Set.of("mail", "phone", "portal", "report");
    static final Set<String> LANGUAGES = Set.of("en", "ja");
    /** Deliberately loose: the mail server is the judge; this catches typos like a missing '@'. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()-]{2,31}");
    private static final Pattern HOURS = Pattern.compile("(\\d{2}:\\d{2})-(\\d{2}:\\d{2})(?: (\\S+))?");
    static final int MAX_CRITICAL_MINUTES = 24 * 60;

    private CustomerRules() {
    }

    static void check(Customer c) throws RegistryException {
        String owner = "customer '" + c.id() + "'";
        NotificationPolicy p = c.policy();
        if (p.criticalMinutes() < 1 || p.criticalMinutes() > MAX_CRITICAL_MINUTES) {
            throw new RegistryException(owner + ": criticalMinutes must be 1.." + MAX_CRITICAL_MINUTES + ", not "
                    + p.criticalMinutes());
        }
        Set<Integer> orders = new HashSet<>();
        for (Contact k : c.contacts()) {
            checkContact(owner, k);
            if (!orders.add(k.order())) {
                throw new RegistryException(owner + ": two contacts have order " + k.order()
                        + "; the order says who is told first, so each needs its own");
            }
        }
    }

    static void checkContact(String owner, Contact k) throws RegistryException {
        if (k.name() == null || k.name().isBlank()) {
            throw new RegistryException(owner + ": a contact has no name");
        }
        String who = owner + ", contact '" + k.name() + "'";
        if (k.order() < 1) {
            throw new RegistryException(who + ": order must be 1 or more (1 is told first), not " + k.order());
        }
        if (k.channels().isEmpty()) {
            throw new RegistryException(who + ": no channel (mail, phone, portal, report)");
        }
        for (String ch : k.channels()) {
            if (!CHANNELS.contains(ch)) {
                throw new RegistryException(who + ": unknown channel '" + ch + "' (mail, phone, portal, report)");
            }
        }
        boolean byMail = k.channels().contains("mail") || k.channels().contains("report");
        if (byMail && (k.email() == null || !EMAIL.matcher(k.email()).matches())) {
            throw new RegistryException(who + ": reached by mail (notices or monthly reports) but '" + k.email()
                    + "' is not a mail address");
        }
        if (k.channels().contains("phone") && (k.phone() == null || !PHONE.matcher(k.phone()).matches())) {
            throw new RegistryException(who + ": reached by phone but '" + k.phone()
                    + "' is not a phone number (digits, optional leading +, spaces, dashes)");
        }
        for (String level : k.levels()) {
            try {
                Level.parse(level);
            } catch (IllegalArgumentException e) {
                throw new RegistryException(who + ": " + e.getMessage(), e);
            }
        }
        if (!LANGUAGES.contains(k.language())) {
            throw new RegistryException(who + ": language must be en or ja, not '" + k.language() + "'");
        }
        checkHours(who, k.hours());
    }

    /** "09:00-18:00" or "09:00-18:00 Asia/Tokyo". */
    private static void checkHours(String who, String hours) throws RegistryException {
        if (hours == null || hours.isBlank()) {
            return;
        }
        Matcher m = HOURS.matcher(hours.trim());
        String problem = null;
        if (!m.matches()) {
            problem = "is not HH:MM-HH:MM with an optional time zone";
        } else {
            try {
                LocalTime.parse(m.group(1));
                LocalTime.parse(m.group(2));
                if (m.group(3) != null) {
                    ZoneId.of(m.group(3));
                }
            } catch (DateTimeException e) {
                problem = "is not valid: " + e.getMessage();
            }
        }
        if (problem != null) {
            throw new RegistryException(who + ": hours '" + hours + "' " + problem
                    + " (example: 09:00-18:00 Asia/Tokyo)");
        }
    }
}
