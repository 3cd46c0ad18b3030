package io.yagura.store;

import static io.yagura.store.Statements.setTime;
import static io.yagura.store.Statements.time;

import io.yagura.api.JdbcStatements;
import io.yagura.api.health.DeviceHealth;
import io.yagura.api.health.HealthSettings;
import io.yagura.api.health.HealthState;
import io.yagura.api.health.HealthStore;
import io.yagura.api.health.HealthTransition;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link HealthStore} over plain JDBC, in the SQL subset H2 and PostgreSQL share (as
 * {@link JdbcIncidentStore}). A save is an UPDATE followed by an INSERT when no row existed
 * (portable); the stored last log only moves forward, so that nodes that each see part of a
 * device's lines do not undo each other.
 */
@Component(service = HealthStore.class, immediate = true)
public class JdbcHealthStore implements HealthStore {

    private static final String STATE_COLUMNS = "device_id, customer_id, state, since, last_check, last_answer, "
            + "last_log, first_failure, incident_id, detail, learned_gap_seconds";
    private static final String SETTINGS_COLUMNS = "device_id, address, ping, tcp_port, interval_seconds, "
            + "silence_seconds, upstream, retries, retry_gap_seconds, fault_after_seconds";

    private final DataSource dataSource;

    @Activate
    public JdbcHealthStore(@Reference(target = "(dataSourceName=yagura)") DataSource dataSource) throws Exception {
        this.dataSource = dataSource;
        Schema.migrate(dataSource);
    }

    @Override
    public Optional<DeviceHealth> find(String deviceId) {
        return query("SELECT " + STATE_COLUMNS + " FROM device_health WHERE device_id=?",
                ps -> ps.setString(1, deviceId), JdbcHealthStore::health).stream().findFirst();
    }

    @Override
    public List<DeviceHealth> list(String customerId) {
        return customerId == null
                ? query("SELECT " + STATE_COLUMNS + " FROM device_health ORDER BY device_id", ps -> { },
                        JdbcHealthStore::health)
                : query("SELECT " + STATE_COLUMNS + " FROM device_health WHERE customer_id=? ORDER BY device_id",
                        ps -> ps.setString(1, customerId), JdbcHealthStore::health);
    }

    @Override
    public void save(DeviceHealth h) {
        // last_log never goes back: each node knows the lines its own ingestion received
        int rows = update("UPDATE device_health SET customer_id=?, state=?, since=?, last_check=?, last_answer=?, "
                + "last_log=CASE WHEN last_log IS NULL OR last_log < ? THEN ? ELSE last_log END, first_failure=?, "
                + "incident_id=?, detail=?, learned_gap_seconds=? WHERE device_id=?", ps -> {
                    ps.setString(1, h.customerId());
                    ps.setString(2, h.state().name());
                    setTime(ps, 3, h.since());
                    setTime(ps, 4, h.lastCheck());
                    setTime(ps, 5, h.lastAnswer());
                    setTime(ps, 6, h.lastLog());
                    setTime(ps, 7, h.lastLog());
                    setTime(ps, 8, h.firstFailure());
                    ps.setString(9, h.incidentId());
                    ps.setString(10, h.detail());
                    setNullable(ps, 11, h.learnedGap() == null ? null : h.learnedGap().toSeconds(), Types.BIGINT);
                    ps.setString(12, h.deviceId());
                });
        if (rows == 0) {
            update("INSERT INTO device_health (customer_id, state, since, last_check, last_answer, last_log, "
                    + "first_failure, incident_id, detail, learned_gap_seconds, device_id) VALUES (?,?,?,?,?,?,?,?,?,?,?)", ps -> {
                        int n = bindHealth(ps, h, 1);
                        ps.setString(n, h.deviceId());
                    });
        }
    }

    /** Binds every state column but the device id, from parameter {@code n} on; returns the next parameter. */
    private static int bindHealth(PreparedStatement ps, DeviceHealth h, int n) throws SQLException {
        ps.setString(n++, h.customerId());
        ps.setString(n++, h.state().name());
        setTime(ps, n++, h.since());
        setTime(ps, n++, h.lastCheck());
        setTime(ps, n++, h.lastAnswer());
        setTime(ps, n++, h.lastLog());
        setTime(ps, n++, h.firstFailure());
        ps.setString(n++, h.incidentId());
        ps.setString(n++, h.detail());
        setNullable(ps, n++, h.learnedGap() == null ? null : h.learnedGap().toSeconds(), Types.BIGINT);
        return n;
    }

    private static DeviceHealth health(ResultSet rs) throws SQLException {
        return new DeviceHealth(rs.getString("device_id"), rs.getString("customer_id"),
                HealthState.valueOf(rs.getString("state")), time(rs, "since"), time(rs, "last_check"),
                time(rs, "last_answer"), time(rs, "last_log"), time(rs, "first_failure"), rs.getString("incident_id"),
                rs.getString("detail"), seconds(rs, "learned_gap_seconds"));
    }

    @Override
    public void remove(String deviceId) {
        update("DELETE FROM device_health WHERE device_id=?", ps -> ps.setString(1, deviceId));
    }

    @Override
    public void addTransition(HealthTransition t) {
        update("INSERT INTO device_health_history (device_id, occurred_at, from_state, to_state, reason) "
                + "VALUES (?,?,?,?,?)", ps -> {
                    ps.setString(1, t.deviceId());
                    setTime(ps, 2, t.at());
                    ps.setString(3, t.from().name());
                    ps.setString(4, t.to().name());
                    ps.setString(5, t.reason());
                });
    }

    @Override
    public List<HealthTransition> history(String deviceId, int limit) {
        return query("SELECT device_id, occurred_at, from_state, to_state, reason FROM device_health_history "
                + "WHERE device_id=? ORDER BY occurred_at DESC, id DESC", ps -> {
                    ps.setString(1, deviceId);
                    ps.setMaxRows(Math.max(1, limit));
                }, rs -> new HealthTransition(rs.getString(1), time(rs, "occurred_at"),
                        HealthState.valueOf(rs.getString(3)), HealthState.valueOf(rs.getString(4)), rs.getString(5)));
    }

    @Override
    public Optional<HealthSettings> settings(String deviceId) {
        return query("SELECT " + SETTINGS_COLUMNS + " FROM device_health_settings WHERE device_id=?",
                ps -> ps.setString(1, deviceId), JdbcHealthStore::settings).stream().findFirst();
    }

    @Override
    public List<HealthSettings> allSettings() {
        return query("SELECT " + SETTINGS_COLUMNS + " FROM device_health_settings ORDER BY device_id", ps -> { },
                JdbcHealthStore::settings);
    }

    @Override
    public void putSettings(HealthSettings s) {
        removeSettings(s.deviceId());
        update("INSERT INTO device_health_settings (" + SETTINGS_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?)", ps -> {
            ps.setString(1, s.deviceId());
            ps.setString(2, s.address());
            setNullable(ps, 3, s.ping(), Types.BOOLEAN);
            setNullable(ps, 4, s.tcpPort(), Types.INTEGER);
            setNullable(ps, 5, s.interval() == null ? null : s.interval().toSeconds(), Types.BIGINT);
            setNullable(ps, 6, s.silenceThreshold() == null ? null : s.silenceThreshold().toSeconds(), Types.BIGINT);
            ps.setString(7, s.upstream());
            setNullable(ps, 8, s.retries(), Types.INTEGER);
            setNullable(ps, 9, s.retryGap() == null ? null : s.retryGap().toSeconds(), Types.BIGINT);
            setNullable(ps, 10, s.faultAfter() == null ? null : s.faultAfter().toSeconds(), Types.BIGINT);
        });
    }

    @Override
    public boolean removeSettings(String deviceId) {
        return update("DELETE FROM device_health_settings WHERE device_id=?", ps -> ps.setString(1, deviceId)) > 0;
    }

    private static HealthSettings settings(ResultSet rs) throws SQLException {
        return new HealthSettings(rs.getString("device_id"), rs.getString("address"),
                rs.getObject("ping", Boolean.class), rs.getObject("tcp_port", Integer.class),
                seconds(rs, "interval_seconds"), seconds(rs, "silence_seconds"), rs.getString("upstream"),
                rs.getObject("retries", Integer.class), seconds(rs, "retry_gap_seconds"),
                seconds(rs, "fault_after_seconds"));
    }

    private static Duration seconds(ResultSet rs, String column) throws SQLException {
        Long s = rs.getObject(column, Long.class);
        return s == null ? null : Duration.ofSeconds(s);
    }

    // --- plumbing: the store's one statement helper ----------------------------------------------

    private int update(String sql, JdbcStatements.Binder binder) {
        return Statements.update(dataSource, sql, binder);
    }

    private <T> List<T> query(String sql, JdbcStatements.Binder binder, JdbcStatements.Row<T> row) {
        return Statements.query(dataSource, sql, binder, row);
    }

    private static void setNullable(PreparedStatement ps, int n, Object value, int sqlType) throws SQLException {
        if (value == null) {
            ps.setNull(n, sqlType);
        } else {
            ps.setObject(n, value);
        }
    }
}
