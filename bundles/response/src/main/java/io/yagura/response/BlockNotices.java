package io.yagura.response;

import io.yagura.api.incident.AuditEntry;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.Notification;
import io.yagura.api.registry.Contact;
import io.yagura.api.registry.Customer;
import io.yagura.api.response.Block;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the customer that an address was blocked: one notice of kind {@value #KIND} per contact
 * and channel (mail, portal) that gets the incident's level, stored with the incident's notices
 * (so that {@code yagura:incident} lists it and the channel's sweep sends it after a restart)
 * and handed to the channel's queue. On the portal the incident, with its blocks, is pushed to
 * the customer's open sessions, and the notice is delivered when one of them shows it. The phone
 * is not used: the Emergency's own call has told the customer, and a block is no reason to ring
 * again. One notice per incident, address, contact and channel: the same address placed on two
 * firewalls is told once.
 */
final class BlockNotices {

    static final String KIND = "block-placed";
    static final String CHANNEL = "mail";
    static final String PORTAL = "portal";
    private static final Logger LOG = LoggerFactory.getLogger(BlockNotices.class);

    private final IncidentStore incidents;

    BlockNotices(IncidentStore incidents) {
        this.incidents = incidents;
    }

    /** @return the notices created now (none when each was created before or nobody is to be told) */
    List<Notification> placed(Block block, Incident incident, Customer customer, NoticeOutbox outbox, Instant now) {
        List<Notification> created = new ArrayList<>();
        List<String> existing = incidents.notifications(incident.id()).stream().map(Notification::id).toList();
        for (Contact c : customer.contacts()) {
            for (String channel : List.of(CHANNEL, PORTAL)) {
                if (!wants(c, channel, incident.level())) {
                    continue;
                }
                // the portal reaches the contact by name, as the dispatcher's portal notices do
                String to = channel.equals(CHANNEL) ? c.email().trim() : c.name();
                String id = id(incident.id(), block.address(), channel.equals(CHANNEL) ? to : PORTAL + ":" + to);
                if (existing.contains(id)) {
                    continue;
                }
                Notification n = new Notification(id, incident.id(), customer.id(), KIND, channel, to, c.language(),
                        incident.level(), now, "pending", null, null, null);
                incidents.createNotification(n);
                created.add(n);
            }
        }
        if (created.isEmpty()) {
            return created;
        }
        incidents.audit(new AuditEntry(now, "response", "notify", incident.id(), "block of " + block.address() + " placed: "
                + created.size() + " notice(s) to " + created.stream().map(Notification::address).toList()));
        if (outbox == null) {
            LOG.warn("Block {}: {} notice(s) stored but not sent (the platform's Camel runtime is not there); the mail "
                    + "channel sends pending notices at its next start", block.id(), created.size());
            return created;
        }
        for (Notification n : created) {
            outbox.send(n);
        }
        return created;
    }

    /**
     * A contact of this channel (mail needs an address) who receives this level (no levels listed:
     * Emergency and Critical, as incident notices).
     */
    static boolean wants(Contact c, String channel, Level level) {
        boolean reachable = channel.equals(CHANNEL) ? c.email() != null && !c.email().isBlank()
                : c.name() != null && !c.name().isBlank();
        if (!reachable || c.channels().stream().noneMatch(channel::equalsIgnoreCase)) {
            return false;
        }
        if (c.levels().isEmpty()) {
            return level == Level.EMERGENCY || level == Level.CRITICAL;
        }
        return c.levels().stream().anyMatch(l -> l.trim().toLowerCase(Locale.ROOT).equals(level.name().toLowerCase(Locale.ROOT)));
    }

    /**
     * BP-&lt;hash of incident, address and recipient&gt;: the same on every node and run (fits the store's 40 characters).
     *
     * @param recipient the contact's mail address, or "portal:&lt;name&gt;" for a portal notice
     */
    static String id(String incidentId, String address, String recipient) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((incidentId + "\n" + address + "\n"
                    + recipient.trim().toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8));
            return "BP-" + HexFormat.of().formatHex(h, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
