package io.yagura.store;

import static io.yagura.store.Statements.setTime;
import static io.yagura.store.Statements.time;

import com.fasterxml.jackson.core.type.TypeReference;
import io.yagura.api.JdbcStatements;
import io.yagura.api.JdbcTransactions;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.incident.AuditEntry;
import io.yagura.api.incident.DeliveryAttempt;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentStatus;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.Notification;
import io.yagura.api.incident.Suppression;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link IncidentStore} over plain JDBC. The SQL is the common subset of H2 (the embedded
 * default) and PostgreSQL, so the same code and the same tests serve both; the database
 * is chosen by the DataSource configuration alone (etc/org.ops4j.datasource-yagura.cfg).
 */
@Component(service = IncidentStore.class, immediate = true)
public class JdbcIncidentStore implements IncidentStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcIncidentStore.class);
    private static final TypeReference<Map<String, Object>> EVENT = new TypeReference<>() { };
    /** Evidence kept per incident: enough to show the story; the count stays exact. */
    static final int MAX_EVIDENCE = 200;

    private static final String INCIDENT_COLUMNS = "id, customer_id, incident_key, proposed_level, confirmed_level, "
            + "status, category, title, attackers, targets, rules, rationale, event_count, first_seen, last_seen, "
            + "detected_at, deadline, analysis, countermeasures, refs, version";

    private final DataSource dataSource;

    @Activate
    public JdbcIncidentStore(@Reference(target = "(dataSourceName=yagura)") DataSource dataSource) throws Exception {
        this.dataSource = dataSource;
        Schema.migrate(dataSource);
        try (Connection c = dataSource.getConnection()) {
            LOG.info("Yagura store ready on {} {}", c.getMetaData().getDatabaseProductName(),
                    c.getMetaData().getDatabaseProductVersion());
        }
    }

    @Override
    public Incident create(Incident i) {
        Incident stored = i.withVersion(1);
        update("INSERT INTO incident (" + INCIDENT_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                ps -> bindIncident(ps, stored, 1));
        return stored;
    }

    @Override
    public Incident update(Incident i) {
        Incident next = i.withVersion(i.version() + 1);
        int rows = update("UPDATE incident SET customer_id=?, incident_key=?, proposed_level=?, confirmed_level=?, "
                + "status=?, category=?, title=?, attackers=?, targets=?, rules=?, rationale=?, event_count=?, "
                + "first_seen=?, last_seen=?, detected_at=?, deadline=?, analysis=?, countermeasures=?, refs=?, "
                + "version=? WHERE id=? AND version=?", ps -> {
                    int n = bindIncident(ps, next, 0);
                    ps.setString(n++, i.id());
                    ps.setLong(n, i.version());
                });
        if (rows != 1) {
            throw new ConcurrentChangeException("incident " + i.id() + " was changed by someone else since version "
                    + i.version() + "; read it again");
        }
        return next;
    }

    /** Binds the columns in INCIDENT_COLUMNS order; with offset 1 the id comes first. */
    private static int bindIncident(PreparedStatement ps, Incident i, int withId) throws SQLException {
        int n = 1;
        if (withId == 1) {
            ps.setString(n++, i.id());
        }
        ps.setString(n++, i.customerId());
        ps.setString(n++, i.key());
        ps.setString(n++, i.proposedLevel().name());
        ps.setString(n++, i.confirmedLevel() == null ? null : i.confirmedLevel().name());
        ps.setString(n++, i.status().name());
        ps.setString(n++, i.category());
        ps.setString(n++, i.title());
        ps.setString(n++, Json.write(i.attackers()));
        ps.setString(n++, Json.write(i.targets()));
        ps.setString(n++, Json.write(i.rules()));
        ps.setString(n++, Json.write(i.rationale()));
        ps.setLong(n++, i.eventCount());
        setTime(ps, n++, i.firstSeen());
        setTime(ps, n++, i.lastSeen());
        setTime(ps, n++, i.detectedAt());
        setTime(ps, n++, i.deadline());
        ps.setString(n++, i.analysis());
        ps.setString(n++, i.countermeasures());
        ps.setString(n++, Json.write(i.references()));
        ps.setLong(n++, i.version());
        return n;
    }

    @Override
    public Optional<Incident> find(String id) {
        List<Incident> l = query("SELECT " + INCIDENT_COLUMNS + " FROM incident WHERE id=?",
                ps -> ps.setString(1, id), JdbcIncidentStore::incident);
        return l.stream().findFirst();
    }

    @Override
    public Optional<Incident> findOpenByKey(String customerId, String key) {
        List<Incident> l = query("SELECT " + INCIDENT_COLUMNS + " FROM incident WHERE customer_id=? AND incident_key=? "
                + "AND status NOT IN ('CLOSED','FALSE_POSITIVE') ORDER BY detected_at DESC", ps -> {
                    ps.setString(1, customerId);
                    ps.setString(2, key);
                }, JdbcIncidentStore::incident);
        return l.stream().findFirst();
    }

    @Override
    public List<Incident> list(Filter f) {
        StringBuilder sql = new StringBuilder("SELECT " + INCIDENT_COLUMNS + " FROM incident WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (f.customerId() != null) {
            sql.append(" AND customer_id=?");
            args.add(f.customerId());
        }
        if (f.level() != null) {
            sql.append(" AND COALESCE(confirmed_level, proposed_level)=?");
            args.add(f.level().name());
        }
        if (f.status() != null) {
            sql.append(" AND status=?");
            args.add(f.status().name());
        }
        if (Boolean.TRUE.equals(f.deadlineBreached())) {
            sql.append(" AND deadline IS NOT NULL AND deadline < ? AND status IN ('NEW','TRIAGED')");
            args.add(Instant.now().atOffset(java.time.ZoneOffset.UTC));
        }
        sql.append(" ORDER BY detected_at DESC");
        List<Incident> out = query(sql.toString(), ps -> {
            for (int n = 0; n < args.size(); n++) {
                ps.setObject(n + 1, args.get(n));
            }
            ps.setMaxRows(f.limit() > 0 ? f.limit() : 1000);
        }, JdbcIncidentStore::incident);
        return out;
    }

    @Override
    public List<Incident> detectedBetween(String customerId, Instant from, Instant to) {
        return query("SELECT " + INCIDENT_COLUMNS + " FROM incident WHERE customer_id=? AND detected_at >= ? "
                + "AND detected_at < ? ORDER BY detected_at, id", ps -> {
                    ps.setString(1, customerId);
                    setTime(ps, 2, from);
                    setTime(ps, 3, to);
                }, JdbcIncidentStore::incident);
    }

    private static Incident incident(ResultSet rs) throws SQLException {
        String confirmed = rs.getString("confirmed_level");
        return Incident.builder().id(rs.getString("id")).customerId(rs.getString("customer_id"))
                .key(rs.getString("incident_key")).proposedLevel(Level.valueOf(rs.getString("proposed_level")))
                .confirmedLevel(confirmed == null ? null : Level.valueOf(confirmed))
                .status(IncidentStatus.valueOf(rs.getString("status"))).category(rs.getString("category"))
                .title(rs.getString("title")).attackers(Json.strings(rs.getString("attackers")))
                .targets(Json.strings(rs.getString("targets"))).rules(Json.strings(rs.getString("rules")))
                .rationale(Json.strings(rs.getString("rationale"))).eventCount(rs.getLong("event_count"))
                .firstSeen(time(rs, "first_seen")).lastSeen(time(rs, "last_seen"))
                .detectedAt(time(rs, "detected_at")).deadline(time(rs, "deadline"))
                .analysis(rs.getString("analysis")).countermeasures(rs.getString("countermeasures"))
                .references(Json.strings(rs.getString("refs"))).version(rs.getLong("version")).build();
    }

    @Override
    public void addEvidence(String incidentId, SecurityEvent event) {
        long kept = query("SELECT COUNT(*) FROM evidence WHERE incident_id=?", ps -> ps.setString(1, incidentId),
                rs -> rs.getLong(1)).get(0);
        if (kept >= MAX_EVIDENCE) {
            return; // the incident's event_count still counts it
        }
        update("INSERT INTO evidence (incident_id, added_at, event_json) VALUES (?,?,?)", ps -> {
            ps.setString(1, incidentId);
            setTime(ps, 2, Instant.now());
            ps.setString(3, Json.write(event.fields()));
        });
    }

    @Override
    public List<SecurityEvent> evidence(String incidentId, int limit) {
        return query("SELECT event_json FROM evidence WHERE incident_id=? ORDER BY id", ps -> {
            ps.setString(1, incidentId);
            ps.setMaxRows(limit);
        }, rs -> {
            try {
                return SecurityEvent.of(Json.mapper().readValue(rs.getString(1), EVENT));
            } catch (java.io.IOException e) {
                throw new SQLException("corrupt evidence of " + incidentId, e);
            }
        });
    }

    @Override
    public Suppression addSuppression(Suppression s) {
        update("INSERT INTO suppression (id, customer_id, rule, source, target, expires_at, reason, created_by, "
                + "created_at, suppressed_events) VALUES (?,?,?,?,?,?,?,?,?,0)", ps -> {
                    ps.setString(1, s.id());
                    ps.setString(2, s.customerId());
                    ps.setString(3, s.rule());
                    ps.setString(4, s.source());
                    ps.setString(5, s.target());
                    setTime(ps, 6, s.expiresAt());
                    ps.setString(7, s.reason());
                    ps.setString(8, s.createdBy());
                    setTime(ps, 9, s.createdAt());
                });
        return s;
    }

    @Override
    public boolean removeSuppression(String id) {
        return update("DELETE FROM suppression WHERE id=?", ps -> ps.setString(1, id)) == 1;
    }

    @Override
    public List<Suppression> activeSuppressions(String customerId, Instant now) {
        return query("SELECT id, customer_id, rule, source, target, expires_at, reason, created_by, created_at "
                + "FROM suppression WHERE customer_id=? AND (expires_at IS NULL OR expires_at > ?) ORDER BY created_at",
                ps -> {
                    ps.setString(1, customerId);
                    setTime(ps, 2, now);
                }, rs -> new Suppression(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), time(rs, "expires_at"), rs.getString(7), rs.getString(8),
                        time(rs, "created_at")));
    }

    @Override
    public long suppressedCount(String suppressionId) {
        List<Long> l = query("SELECT suppressed_events FROM suppression WHERE id=?", ps -> ps.setString(1, suppressionId),
                rs -> rs.getLong(1));
        return l.isEmpty() ? 0 : l.get(0);
    }

    @Override
    public void countSuppressed(String suppressionId, long events) {
        update("UPDATE suppression SET suppressed_events = suppressed_events + ? WHERE id=?", ps -> {
            ps.setLong(1, events);
            ps.setString(2, suppressionId);
        });
    }

    @Override
    public Notification createDigest(Notification n, Digest digest) {
        try {
            return JdbcTransactions.<Notification, RuntimeException>inTransaction(dataSource, c -> {
                try (PreparedStatement ps = c.prepareStatement(INSERT_NOTIFICATION)) {
                    bindNotification(ps, n);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO digest (notification_id, covers_day) VALUES (?,?)")) {
                    ps.setString(1, n.id());
                    ps.setString(2, digest.day().toString());
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO digest_item (notification_id, seq, incident_id) VALUES (?,?,?)")) {
                    int seq = 0;
                    for (String incidentId : digest.incidentIds()) {
                        ps.setString(1, n.id());
                        ps.setInt(2, seq++);
                        ps.setString(3, incidentId);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                return n;
            });
        } catch (SQLException e) {
            throw new StoreException(INSERT_NOTIFICATION, e);
        }
    }

    @Override
    public Optional<Digest> digest(String notificationId) {
        List<String> day = query("SELECT covers_day FROM digest WHERE notification_id=?",
                ps -> ps.setString(1, notificationId), rs -> rs.getString(1));
        if (day.isEmpty()) {
            return Optional.empty();
        }
        List<String> ids = query("SELECT incident_id FROM digest_item WHERE notification_id=? ORDER BY seq",
                ps -> ps.setString(1, notificationId), rs -> rs.getString(1));
        return Optional.of(new Digest(java.time.LocalDate.parse(day.get(0)), ids));
    }

    private static final String INSERT_NOTIFICATION = "INSERT INTO notification (id, incident_id, customer_id, kind, "
            + "channel, address, language, level, created_at, status, deadline, delivered_at, deadline_met) "
            + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)";

    private static void bindNotification(PreparedStatement ps, Notification n) throws SQLException {
        ps.setString(1, n.id());
        ps.setString(2, n.incidentId());
        ps.setString(3, n.customerId());
        ps.setString(4, n.kind());
        ps.setString(5, n.channel());
        ps.setString(6, n.address());
        ps.setString(7, n.language());
        ps.setString(8, n.level() == null ? null : n.level().name());
        setTime(ps, 9, n.createdAt());
        ps.setString(10, n.status());
        setTime(ps, 11, n.deadline());
        setTime(ps, 12, n.deliveredAt());
        setBoolean(ps, 13, n.deadlineMet());
    }

    @Override
    public Notification createNotification(Notification n) {
        update(INSERT_NOTIFICATION, ps -> bindNotification(ps, n));
        return n;
    }

    @Override
    public Notification updateNotification(Notification n) {
        update("UPDATE notification SET status=?, delivered_at=?, deadline_met=? WHERE id=?", ps -> {
            ps.setString(1, n.status());
            setTime(ps, 2, n.deliveredAt());
            setBoolean(ps, 3, n.deadlineMet());
            ps.setString(4, n.id());
        });
        return n;
    }

    private static final String NOTIFICATION_COLUMNS = "id, incident_id, customer_id, kind, channel, address, language, "
            + "level, created_at, status, deadline, delivered_at, deadline_met";

    @Override
    public List<Notification> notifications(String incidentId) {
        return query("SELECT " + NOTIFICATION_COLUMNS + " FROM notification WHERE incident_id=? OR id IN "
                + "(SELECT notification_id FROM digest_item WHERE incident_id=?) ORDER BY created_at", ps -> {
                    ps.setString(1, incidentId);
                    ps.setString(2, incidentId);
                }, JdbcIncidentStore::notification);
    }

    @Override
    public List<Notification> pendingNotifications(String channel, int limit) {
        return query("SELECT " + NOTIFICATION_COLUMNS + " FROM notification WHERE channel=? AND status='pending' "
                + "ORDER BY created_at", ps -> {
                    ps.setString(1, channel);
                    ps.setMaxRows(limit);
                }, JdbcIncidentStore::notification);
    }

    private static Notification notification(ResultSet rs) throws SQLException {
        String level = rs.getString("level");
        boolean met = rs.getBoolean("deadline_met");
        Boolean deadlineMet = rs.wasNull() ? null : met;
        return new Notification(rs.getString("id"), rs.getString("incident_id"), rs.getString("customer_id"),
                rs.getString("kind"), rs.getString("channel"), rs.getString("address"), rs.getString("language"),
                level == null ? null : Level.valueOf(level), time(rs, "created_at"), rs.getString("status"),
                time(rs, "deadline"), time(rs, "delivered_at"), deadlineMet);
    }

    @Override
    public void addAttempt(DeliveryAttempt a) {
        update("INSERT INTO delivery_attempt (notification_id, attempt, occurred_at, outcome, answer) VALUES (?,?,?,?,?)",
                ps -> {
                    ps.setString(1, a.notificationId());
                    ps.setInt(2, a.attempt());
                    setTime(ps, 3, a.at());
                    ps.setString(4, a.outcome());
                    ps.setString(5, a.answer());
                });
    }

    @Override
    public List<DeliveryAttempt> attempts(String notificationId) {
        return query("SELECT notification_id, attempt, occurred_at, outcome, answer FROM delivery_attempt "
                + "WHERE notification_id=? ORDER BY id", ps -> ps.setString(1, notificationId),
                rs -> new DeliveryAttempt(rs.getString(1), rs.getInt(2), time(rs, "occurred_at"), rs.getString(4),
                        rs.getString(5)));
    }

    @Override
    public void audit(AuditEntry e) {
        update("INSERT INTO audit_log (occurred_at, actor, action, subject, detail) VALUES (?,?,?,?,?)", ps -> {
            setTime(ps, 1, e.at());
            ps.setString(2, e.actor());
            ps.setString(3, e.action());
            ps.setString(4, e.subject());
            ps.setString(5, e.detail());
        });
    }

    @Override
    public List<AuditEntry> auditLog(String subject, int limit) {
        String sql = "SELECT occurred_at, actor, action, subject, detail FROM audit_log"
                + (subject == null ? "" : " WHERE subject=?") + " ORDER BY id DESC";
        return query(sql, ps -> {
            if (subject != null) {
                ps.setString(1, subject);
            }
            ps.setMaxRows(limit);
        }, rs -> new AuditEntry(time(rs, "occurred_at"), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5)));
    }

    // --- plumbing -------------------------------------------------------------------------

    private int update(String sql, JdbcStatements.Binder binder) {
        return Statements.update(dataSource, sql, binder);
    }

    private <T> List<T> query(String sql, JdbcStatements.Binder binder, JdbcStatements.Row<T> row) {
        return Statements.query(dataSource, sql, binder, row);
    }

    private static void setBoolean(PreparedStatement ps, int n, Boolean b) throws SQLException {
        if (b == null) {
            ps.setNull(n, Types.BOOLEAN);
        } else {
            ps.setBoolean(n, b);
        }
    }

    /** A database operation failed; the message names the statement. */
    /** A statement of the store failed: "store: " the driver's message, and the statement's first word. */
    public static final class StoreException extends JdbcStatements.StatementException {
        private static final long serialVersionUID = 1L;

        StoreException(String sql, SQLException cause) {
            super("store", sql, cause);
        }
    }
}
