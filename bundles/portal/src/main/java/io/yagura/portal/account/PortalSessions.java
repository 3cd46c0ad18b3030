package io.yagura.portal.account;

import io.yagura.portal.PortalConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Server-side sessions: the cookie holds only a random id; logging out, locking the user or
 * expiry removes the session here, so a replayed cookie finds nothing. Kept in memory: a restart
 * logs everybody out (and, with several nodes, a user stays on the node that logged it in).
 */
@Component(service = PortalSessions.class, configurationPid = "io.yagura.portal")
public class PortalSessions {

    /** One logged-in session; {@code csrf} must come back with every state-changing request. */
    public record Session(String id, String user, String csrf, Instant createdAt, Instant lastSeen) {
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Duration idle;
    private final Duration absolute;
    private final Clock clock;

    @Activate
    public PortalSessions(PortalConfig config) {
        this(Duration.ofMinutes(config.session_idle_minutes()), Duration.ofHours(config.session_absolute_hours()),
                Clock.systemUTC());
    }

    public PortalSessions(Duration idle, Duration absolute, Clock clock) {
        this.idle = idle;
        this.absolute = absolute;
        this.clock = clock;
    }

    public Session start(String user) {
        Instant now = clock.instant();
        Session s = new Session(Secrets.token(), user, Secrets.token(), now, now);
        sessions.put(s.id(), s);
        return s;
    }

    /** The live session of this id, its idle clock reset; empty when unknown, ended or expired. */
    public Optional<Session> touch(String id) {
        Optional<Session> s = peek(id);
        s.ifPresent(v -> sessions.replace(v.id(), v, new Session(v.id(), v.user(), v.csrf(), v.createdAt(),
                clock.instant())));
        return s;
    }

    /** The live session of this id without resetting its idle clock (for the live stream's checks). */
    public Optional<Session> peek(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (!now.isBefore(s.lastSeen().plus(idle)) || !now.isBefore(s.createdAt().plus(absolute))) {
            sessions.remove(id, s);
            return Optional.empty();
        }
        return Optional.of(s);
    }

    public void end(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** Ends every session of a user (locked, password changed). */
    public int endAllOf(String user) {
        List<String> ids = sessions.values().stream().filter(s -> s.user().equals(user)).map(Session::id).toList();
        ids.forEach(sessions::remove);
        return ids.size();
    }
}
