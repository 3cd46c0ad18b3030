package io.yagura.notify;

import io.yagura.api.incident.AuditEntry;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.Notification;
import io.yagura.api.registry.Contact;
import io.yagura.api.registry.Customer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the digest notices of one customer and one day: one notice of kind "digest" per
 * mail address, listing the customer's Warning and Informational incidents detected that day.
 *
 * <p>Idempotent across restarts and nodes: the notice id is derived from customer, address
 * and day, so the store's primary key lets only one node create it; a notice that exists is
 * never created again.
 *
 * <p>The store keeps each notice with what it lists ({@link IncidentStore#createDigest}); the
 * notice hangs on the first incident of its day (a day without such incidents sends nothing)
 * and shows among the notices of every incident it lists. The mail channel reads the list
 * from the store, also when it sends a digest left pending by an earlier run. Each digest is
 * also audited (action "digest": day, incidents, address).
 */
final class DigestNotices {

    static final String KIND = "digest";
    static final String AUDIT_ACTION = "digest";
    /** Levels a digest lists: the ones that get no notice of their own. */
    static final List<Level> LEVELS = List.of(Level.WARNING, Level.INFORMATIONAL);
    /** Per level and customer; store lists are newest first, so the day asked for is near the top. */
    static final int LIST_LIMIT = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(DigestNotices.class);

    private final IncidentStore store;
    private final Clock clock;

    DigestNotices(IncidentStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * @return the notices created now, to be handed to the mail channel; empty when the day had
     *         no incidents for a digest or every notice exists already
     * @throws RuntimeException when the store failed; notices created before stay created
     */
    List<Notification> create(Customer customer, LocalDate day, Instant from, Instant to) {
        List<Incident> incidents = incidentsOf(customer.id(), from, to);
        if (incidents.isEmpty()) {
            LOG.debug("No digest for {} on {}: no Warning or Informational incident", customer.id(), day);
            return List.of();
        }
        String anchor = incidents.get(0).id();
        String ids = incidents.stream().map(Incident::id).collect(Collectors.joining(","));
        List<Notification> created = new ArrayList<>();
        for (Contact c : recipients(customer)) {
            String address = c.email().trim();
            String id = id(customer.id(), day, address);
            if (store.digest(id).isPresent()) {
                continue; // made before (this node before a restart, or another node)
            }
            Instant now = clock.instant();
            Notification n = new Notification(id, anchor, customer.id(), KIND, "mail", address, c.language(), null,
                    now, "pending", null, null, null);
            if (claim(n, new IncidentStore.Digest(day, incidents.stream().map(Incident::id).toList()))) {
                store.audit(new AuditEntry(now, "dispatcher", AUDIT_ACTION, id,
                        "date=" + day + " incidents=" + ids + " to=" + address));
                created.add(n);
            }
        }
        if (!created.isEmpty()) {
            LOG.info("Digest of {} for {}: {} incident(s) to {}", day, customer.id(), incidents.size(),
                    created.stream().map(Notification::address).toList());
        }
        return created;
    }

    /** Stores the notice with its list; false when another node stored the same one first. */
    private boolean claim(Notification n, IncidentStore.Digest digest) {
        try {
            store.createDigest(n, digest);
            return true;
        } catch (RuntimeException e) {
            boolean raced = store.digest(n.id()).isPresent();
            if (!raced) {
                throw e;
            }
            LOG.debug("Digest notice {} was created by another node", n.id());
            return false;
        }
    }

    /** The customer's incidents of a digest level detected in [from, to), oldest first. */
    private List<Incident> incidentsOf(String customerId, Instant from, Instant to) {
        List<Incident> out = new ArrayList<>();
        for (Level level : LEVELS) {
            List<Incident> page = store.list(new IncidentStore.Filter(customerId, level, null, null, LIST_LIMIT));
            if (page.size() >= LIST_LIMIT && !page.get(page.size() - 1).detectedAt().isBefore(from)) {
                LOG.warn("Digest for {}: more than {} {} incidents since {}; the digest may be incomplete",
                        customerId, LIST_LIMIT, level.label(), from);
            }
            page.stream().filter(i -> !i.detectedAt().isBefore(from) && i.detectedAt().isBefore(to)).forEach(out::add);
        }
        out.sort(Comparator.comparing(Incident::detectedAt).thenComparing(Incident::id));
        return out;
    }

    /** Contacts that get the digest by mail, in escalation order, each address once (in any case). */
    static List<Contact> recipients(Customer customer) {
        Map<String, Contact> byAddress = new LinkedHashMap<>();
        customer.contacts().stream().sorted(Comparator.comparingInt(Contact::order))
                .filter(c -> c.channels().stream().anyMatch("mail"::equalsIgnoreCase))
                .filter(c -> c.email() != null && !c.email().isBlank())
                .filter(DigestNotices::wantsDigest)
                .forEach(c -> byAddress.putIfAbsent(c.email().trim().toLowerCase(Locale.ROOT), c));
        return List.copyOf(byAddress.values());
    }

    /**
     * Contacts with the default levels (empty) get it; a contact who lists levels gets it when
     * the list has Warning or Informational (a night desk on [emergency] does not).
     */
    static boolean wantsDigest(Contact c) {
        return c.levels().isEmpty() || LEVELS.stream().anyMatch(l -> DispatchPolicy.wants(c, l));
    }

    /** DIG-yyyyMMdd-hash of customer and address: the same on every node and run (40 characters at most). */
    static String id(String customerId, LocalDate day, String address) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((customerId + "\n" + address.toLowerCase(Locale.ROOT))
                    .getBytes(StandardCharsets.UTF_8));
            return "DIG-" + day.format(DateTimeFormatter.BASIC_ISO_DATE) + "-" + HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
