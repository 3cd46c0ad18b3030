package io.yagura.portal.live;

import io.yagura.api.incident.DeliveryAttempt;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.incident.Notification;
import io.yagura.portal.account.PortalUser;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portal as a notification channel: a notice with channel "portal" is delivered when its
 * incident is first shown to one of the customer's logged-in users, on a page or on the live
 * stream. The proof of delivery is a DeliveryAttempt naming the user, the session and where.
 */
public final class PortalNotices {

    private static final Logger LOG = LoggerFactory.getLogger(PortalNotices.class);
    public static final String CHANNEL = "portal";

    private final IncidentStore store;
    private final Clock clock;
    // a notice is marked once even when two sessions show it at the same moment
    private final Set<String> marked = ConcurrentHashMap.newKeySet();

    public PortalNotices(IncidentStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Marks delivered the pending portal notices of these incidents, when {@code user} is a
     * customer user of their customer (SOC staff seeing an incident do not count as the customer told).
     *
     * @param where e.g. "page /incidents", "live stream"
     */
    public void shown(PortalUser user, String sessionId, Collection<String> incidentIds, String where) {
        if (user.isSoc() || incidentIds.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        for (Notification n : store.pendingNotifications(CHANNEL, 1000)) {
            if (!user.customerId().equals(n.customerId()) || !incidentIds.contains(n.incidentId())
                    || !marked.add(n.id())) {
                continue;
            }
            try {
                int attempt = store.attempts(n.id()).size() + 1;
                store.addAttempt(new DeliveryAttempt(n.id(), attempt, now, "delivered", "shown to portal user "
                        + user.name() + " (session " + sessionId.substring(0, 8) + "…) on the " + where));
                store.updateNotification(n.withOutcome("delivered", now,
                        n.deadline() == null ? null : !now.isAfter(n.deadline())));
            } catch (RuntimeException e) {
                marked.remove(n.id()); // the next showing tries again
                LOG.error("Portal notice {} shown to {} but not marked delivered: {}", n.id(), user.name(),
                        e.getMessage(), e);
            }
        }
    }
}
