package io.yagura.portal.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentStore;
import io.yagura.portal.account.PortalSessions;
import io.yagura.portal.account.PortalUser;
import io.yagura.portal.web.Views;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.servlet.AsyncContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open live streams (server-sent events) and what is pushed on them: an incident change is
 * sent to every stream whose user may see the incident's customer, and nowhere else. A stream
 * whose session ended (logout, lock, expiry; on this node or another) is closed at the next heartbeat,
 * or at once when it ended on this node.
 */
public final class LiveHub implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveHub.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One open stream. */
    private record Stream(AsyncContext async, PortalUser user, String sessionId) {
    }

    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final IncidentStore store;
    private final PortalSessions sessions;
    private final PortalNotices notices;
    private final Clock clock;
    private final ScheduledExecutorService heartbeat;

    public LiveHub(IncidentStore store, PortalSessions sessions, PortalNotices notices, Clock clock,
                   long heartbeatSeconds) {
        this.store = store;
        this.sessions = sessions;
        this.notices = notices;
        this.clock = clock;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "yagura-portal-heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleWithFixedDelay(this::beat, heartbeatSeconds, heartbeatSeconds, TimeUnit.SECONDS);
    }

    /** Takes over an async request as a live stream. */
    public void open(AsyncContext async, PortalUser user, String sessionId) throws IOException {
        async.setTimeout(0);
        async.getResponse().setContentType("text/event-stream;charset=UTF-8");
        Stream s = new Stream(async, user, sessionId);
        streams.add(s);
        write(s, ": open\nretry: 2000\n\n");
    }

    /** Pushes the stored state of an incident to the streams allowed to see it. */
    public void changed(String incidentId) {
        Optional<Incident> found = store.find(incidentId);
        if (found.isEmpty()) {
            LOG.warn("Incident {} announced but not in the store; nothing pushed", incidentId);
            return;
        }
        Incident i = found.get();
        String data;
        try {
            data = "event: incident\ndata: " + JSON.writeValueAsString(Views.incident(i, clock.instant())) + "\n\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<Stream> allowed = streams.stream().filter(s -> s.user().mayRead(i.customerId())).toList();
        if (allowed.isEmpty()) {
            return;
        }
        // the sessions are in the database, shared by the nodes: one query for all the streams
        Set<String> live = sessions.live(allowed.stream().map(Stream::sessionId).collect(Collectors.toSet()));
        for (Stream s : allowed) {
            if (live.contains(s.sessionId()) && write(s, data)) {
                notices.shown(s.user(), s.sessionId(), List.of(i.id()), "live stream");
            }
        }
    }

    /** Closes the streams of a session (logout). */
    public void closeSession(String sessionId) {
        streams.stream().filter(s -> s.sessionId().equals(sessionId)).forEach(this::close);
    }

    /** Closes the streams of a user (locked). */
    public void closeUser(String user) {
        streams.stream().filter(s -> s.user().name().equals(user)).forEach(this::close);
    }

    public int openStreams() {
        return streams.size();
    }

    /** Keeps the streams open through proxies, and closes those whose session ended on any node. */
    private void beat() {
        try {
            List<Stream> open = List.copyOf(streams);
            Set<String> live = sessions.live(open.stream().map(Stream::sessionId).collect(Collectors.toSet()));
            for (Stream s : open) {
                if (!live.contains(s.sessionId())) {
                    close(s);
                } else {
                    write(s, ": beat\n\n");
                }
            }
        } catch (RuntimeException e) {
            // the database is away: keep the streams, try again at the next beat
            LOG.warn("Portal live streams: sessions not checked ({}); streams kept until the next heartbeat",
                    e.getMessage());
        }
    }

    /** @return false when the client has gone (the stream is then dropped) */
    private boolean write(Stream s, String text) {
        synchronized (s) {
            try {
                var out = s.async().getResponse().getOutputStream();
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
                return true;
            } catch (IOException | IllegalStateException e) {
                close(s);
                return false;
            }
        }
    }

    private void close(Stream s) {
        if (streams.remove(s)) {
            try {
                s.async().complete();
            } catch (IllegalStateException e) {
                // already completed by the container (client gone)
            }
        }
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        streams.forEach(this::close);
    }
}
