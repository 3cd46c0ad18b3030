package io.yagura.portal.account;

import io.yagura.api.JdbcStatements;
import io.yagura.portal.PortalConfig;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Server-side sessions in the store's database (table {@code portal_session}), so that a restart
 * keeps users logged in and every node behind one address knows every session. The cookie holds a
 * random 256-bit id; the table holds only its SHA-256, so a copy of the table opens no session.
 * Logging out, locking the user, a new password or expiry (idle or absolute) removes the row, on
 * every node at once. Expired rows left behind are deleted by {@link #deleteExpired()}
 * ({@link PortalSessionCleanup}).
 */
@Component(service = PortalSessions.class, configurationPid = "io.yagura.portal")
public class PortalSessions {

    /** One logged-in session; {@code csrf} must come back with every state-changing request. */
    public record Session(String id, String user, String csrf, Instant createdAt, Instant lastSeen) {
    }

    // the idle clock is written at most this often: a page's burst of requests costs one UPDATE
    private static final Duration TOUCH_RESOLUTION = Duration.ofMinutes(1);
    private static final String COLUMNS = "user_name, csrf, created_at, last_seen";

    private static final JdbcStatements.Failure FAILED = AccountException.failure("portal sessions");

    private final DataSource dataSource;
    private final Duration idle;
    private final Duration absolute;
    private final Duration touchEvery;
    private final Clock clock;

    @Activate
    public PortalSessions(@Reference(target = "(dataSourceName=yagura)") DataSource dataSource, PortalConfig config)
            throws SQLException {
        this(dataSource, Duration.ofMinutes(config.session_idle_minutes()),
                Duration.ofHours(config.session_absolute_hours()), Clock.systemUTC());
    }

    public PortalSessions(DataSource dataSource, Duration idle, Duration absolute, Clock clock) throws SQLException {
        if (idle.isNegative() || idle.isZero() || absolute.isNegative() || absolute.isZero()) {
            throw new IllegalArgumentException("session.idle.minutes and session.absolute.hours must be at least 1");
        }
        this.dataSource = dataSource;
        this.idle = idle;
        this.absolute = absolute;
        // a short idle time (tests, strict sites) keeps its precision
        Duration tenth = idle.dividedBy(10);
        this.touchEvery = tenth.compareTo(TOUCH_RESOLUTION) < 0 ? tenth : TOUCH_RESOLUTION;
        this.clock = clock;
        PortalSchema.migrate(dataSource);
    }

    public Session start(String user) {
        Instant now = clock.instant();
        Session s = new Session(Secrets.token(), user, Secrets.token(), now, now);
        update("INSERT INTO portal_session (id_digest, " + COLUMNS + ") VALUES (?,?,?,?,?)", ps -> {
            ps.setString(1, Secrets.digest(s.id()));
            ps.setString(2, s.user());
            ps.setString(3, s.csrf());
            ps.setLong(4, now.toEpochMilli());
            ps.setLong(5, now.toEpochMilli());
        });
        return s;
    }

    /** The live session of this id, its idle clock reset; empty when unknown, ended or expired. */
    public Optional<Session> touch(String id) {
        Optional<Session> s = peek(id);
        Instant now = clock.instant();
        if (s.isPresent() && !now.isBefore(s.get().lastSeen().plus(touchEvery))) {
            update("UPDATE portal_session SET last_seen=? WHERE id_digest=? AND last_seen<?", ps -> {
                ps.setLong(1, now.toEpochMilli());
                ps.setString(2, Secrets.digest(id));
                ps.setLong(3, now.toEpochMilli());
            });
            Session v = s.get();
            return Optional.of(new Session(v.id(), v.user(), v.csrf(), v.createdAt(), now));
        }
        return s;
    }

    /** The live session of this id without resetting its idle clock (for the live stream's checks). */
    public Optional<Session> peek(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        String digest = Secrets.digest(id);
        Optional<Session> s = query("SELECT " + COLUMNS + " FROM portal_session WHERE id_digest=?",
                ps -> ps.setString(1, digest), rs -> new Session(id, rs.getString(1), rs.getString(2),
                        Instant.ofEpochMilli(rs.getLong(3)), Instant.ofEpochMilli(rs.getLong(4)))).stream().findFirst();
        if (s.isPresent() && expired(s.get().createdAt(), s.get().lastSeen(), clock.instant())) {
            end(id);
            return Optional.empty();
        }
        return s;
    }

    /** Which of these session ids are live (one query for all the open live streams). */
    public Set<String> live(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        Map<String, String> byDigest = new HashMap<>();
        ids.forEach(id -> byDigest.put(Secrets.digest(id), id));
        List<String> digests = List.copyOf(byDigest.keySet());
        Instant now = clock.instant();
        Set<String> live = new HashSet<>();
        // in slices: a driver takes a bounded number of parameters
        for (int from = 0; from < digests.size(); from += 500) {
            List<String> slice = digests.subList(from, Math.min(digests.size(), from + 500));
            String marks = slice.stream().map(d -> "?").collect(Collectors.joining(","));
            query("SELECT id_digest, created_at, last_seen FROM portal_session WHERE id_digest IN (" + marks + ")",
                    ps -> {
                        for (int i = 0; i < slice.size(); i++) {
                            ps.setString(i + 1, slice.get(i));
                        }
                    }, rs -> expired(Instant.ofEpochMilli(rs.getLong(2)), Instant.ofEpochMilli(rs.getLong(3)), now)
                            ? Optional.<String>empty() : Optional.of(byDigest.get(rs.getString(1))))
                    .forEach(id -> id.ifPresent(live::add));
        }
        return live;
    }

    public void end(String id) {
        if (id != null && !id.isEmpty()) {
            update("DELETE FROM portal_session WHERE id_digest=?", ps -> ps.setString(1, Secrets.digest(id)));
        }
    }

    /** Ends every session of a user (locked, password changed), on every node. */
    public int endAllOf(String user) {
        return update("DELETE FROM portal_session WHERE user_name=?", ps -> ps.setString(1, user));
    }

    /** Deletes the rows of sessions that expired (idle or absolute) without a logout; returns how many. */
    public int deleteExpired() {
        Instant now = clock.instant();
        return update("DELETE FROM portal_session WHERE last_seen<=? OR created_at<=?", ps -> {
            ps.setLong(1, now.minus(idle).toEpochMilli());
            ps.setLong(2, now.minus(absolute).toEpochMilli());
        });
    }

    /** Rows in the table, expired or not: what the cleanup has left. */
    public int stored() {
        return query("SELECT COUNT(*) FROM portal_session", JdbcStatements.Binder.NONE, rs -> rs.getInt(1)).get(0);
    }

    private int update(String statement, JdbcStatements.Binder binder) {
        return JdbcStatements.update(dataSource, statement, binder, FAILED);
    }

    private <T> List<T> query(String statement, JdbcStatements.Binder binder, JdbcStatements.Row<T> row) {
        return JdbcStatements.query(dataSource, statement, binder, row, FAILED);
    }

    private boolean expired(Instant createdAt, Instant lastSeen, Instant now) {
        return !now.isBefore(lastSeen.plus(idle)) || !now.isBefore(createdAt.plus(absolute));
    }
}
