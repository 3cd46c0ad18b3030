package io.yagura.notify;

import io.yagura.api.houserule.CanaryHold;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentStatus;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.MergedInto;
import io.yagura.api.incident.Notification;
import io.yagura.api.registry.Contact;
import io.yagura.api.registry.Customer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who is told what, on which channel, and when: the rules of the service, in one place.
 * <ul>
 *   <li>Emergency: at once, every contact who takes Emergency (by default everyone), on each
 *       of their channels.</li>
 *   <li>Critical: when an analyst confirmed it, or at its deadline when the customer's policy
 *       sends Critical automatically.</li>
 *   <li>Warning, Informational, Low: no notice (portal only; digest optional).</li>
 *   <li>An incident correlation merged into another ({@link MergedInto}): nothing, the story and its
 *       notices go on in the other incident.</li>
 *   <li>A closed harmless incident after which the customer was told: an all-clear notice,
 *       if the policy wants it.</li>
 *   <li>An incident opened by a canary house rule ({@link CanaryHold}): nothing, at any level, until an
 *       analyst releases it.</li>
 * </ul>
 * An incident is noticed once per level: a later raise (Critical → Emergency) notices again.
 */
public final class DispatchPolicy {

    /** What to do now for one incident. */
    public record Decision(List<Notification> notices, String why) {
    }

    public Decision decide(Incident i, Customer customer, List<Notification> existing, Instant now, boolean atDeadline) {
        if (customer == null) {
            return new Decision(List.of(), "no customer registered for '" + i.customerId() + "': nobody to tell");
        }
        if (i.status() == IncidentStatus.CLOSED && MergedInto.of(i).isPresent()) {
            return new Decision(List.of(), "merged into " + MergedInto.of(i).get()
                    + ": the story goes on there (no all-clear)");
        }
        if (i.status() == IncidentStatus.CLOSED || i.status() == IncidentStatus.FALSE_POSITIVE) {
            boolean told = existing.stream().anyMatch(n -> "incident".equals(n.kind()) && "delivered".equals(n.status()));
            boolean clearSent = existing.stream().anyMatch(n -> "all-clear".equals(n.kind()));
            if (told && !clearSent && customer.policy().allClear()) {
                return new Decision(notices(i, customer, Level.LOW, "all-clear", now, existing, true),
                        "closed after the customer was told: all-clear");
            }
            return new Decision(List.of(), "closed; no all-clear due");
        }
        Optional<String> canary = CanaryHold.heldBy(i);
        if (canary.isPresent()) {
            return new Decision(List.of(), "held for an analyst: opened by canary house rule " + canary.get()
                    + " (release it to notify, or mark it a false positive)");
        }
        Level level = i.level();
        boolean alreadyForLevel = existing.stream().anyMatch(n -> "incident".equals(n.kind()) && n.level() == level);
        if (alreadyForLevel) {
            return new Decision(List.of(), level.label() + " notice already sent");
        }
        switch (level) {
            case EMERGENCY:
                return new Decision(notices(i, customer, level, "incident", now, existing, false), "Emergency: at once");
            case CRITICAL:
                if (i.confirmedLevel() == Level.CRITICAL) {
                    return new Decision(notices(i, customer, level, "incident", now, existing, false),
                            "Critical confirmed by an analyst");
                }
                if (atDeadline && customer.policy().criticalAutoSend()) {
                    return new Decision(notices(i, customer, level, "incident", now, existing, false),
                            "Critical not confirmed by its deadline: sent automatically (customer policy)");
                }
                return new Decision(List.of(), "Critical: waiting for an analyst or the deadline " + i.deadline());
            default:
                return new Decision(List.of(), level.label() + ": portal only");
        }
    }

    private static List<Notification> notices(Incident i, Customer c, Level level, String kind, Instant now,
                                               List<Notification> existing, boolean onlyThoseTold) {
        List<Notification> out = new ArrayList<>();
        List<Contact> contacts = new ArrayList<>(c.contacts());
        contacts.sort(Comparator.comparingInt(Contact::order));
        int n = existing.size();
        for (Contact contact : contacts) {
            if (!"all-clear".equals(kind) && !wants(contact, level)) {
                continue;
            }
            for (String channel : contact.channels()) {
                String address = addressOn(contact, channel);
                if (address == null) {
                    continue;
                }
                // Told means an incident notice: a digest recipient who saw it in a list gets no all-clear.
                if (onlyThoseTold && existing.stream().noneMatch(e -> "incident".equals(e.kind())
                        && address.equals(e.address()))) {
                    continue;
                }
                n++;
                out.add(new Notification(i.id() + "-N" + n, i.id(), i.customerId(), kind, channel, address,
                        contact.language(), level, now, "pending", "incident".equals(kind) ? i.deadline() : null,
                        null, null));
            }
        }
        return out;
    }

    static boolean wants(Contact c, Level level) {
        if (c.levels().isEmpty()) {
            return level == Level.EMERGENCY || level == Level.CRITICAL;
        }
        return c.levels().stream().anyMatch(l -> Level.parse(l) == level);
    }

    private static String addressOn(Contact c, String channel) {
        return switch (channel.toLowerCase(Locale.ROOT)) {
            case "mail" -> c.email();
            case "phone" -> c.phone();
            case "portal" -> c.name();
            default -> null;
        };
    }
}
