package io.yagura.portal.live;

import io.yagura.api.incident.IncidentStore;
import io.yagura.portal.account.PortalSessions;
import java.time.Clock;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Owns the live streams and the portal channel's notices, shared by the servlet and the broker route. */
@Component(service = LiveFeed.class)
public class LiveFeed {

    private final PortalNotices notices;
    private final LiveHub hub;

    @Activate
    public LiveFeed(@Reference IncidentStore store, @Reference PortalSessions sessions) {
        this.notices = new PortalNotices(store, Clock.systemUTC());
        this.hub = new LiveHub(store, sessions, notices, Clock.systemUTC(), 15);
    }

    public LiveHub hub() {
        return hub;
    }

    public PortalNotices notices() {
        return notices;
    }

    @Deactivate
    void deactivate() {
        hub.close();
    }
}
