package io.yagura.store;

import static io.yagura.store.Statements.setTime;
import static io.yagura.store.Statements.time;

import io.yagura.api.JdbcTransactions;
import io.yagura.api.health.LastLogStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link LastLogStore} in the table device_last_log, one row per device. A recording is one
 * transaction: a batch of UPDATEs that move a device's time only forward, then an INSERT for
 * each device that has no row yet. Two nodes inserting the same new device at once: the primary
 * key refuses the second, whose whole recording is then tried again (its UPDATE finds the row), as
 * is a recording the database ended as a deadlock's victim;
 * an INSERT that finds a row committed meanwhile is followed by the UPDATE again.
 */
@Component(service = LastLogStore.class, immediate = true)
public class JdbcLastLogStore implements LastLogStore {

    private static final String UPDATE = "UPDATE device_last_log SET last_log=?, node_id=? WHERE device_id=? AND last_log < ?";
    private static final String INSERT = "INSERT INTO device_last_log (device_id, last_log, node_id) "
            + "SELECT CAST(? AS VARCHAR(64)), CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS VARCHAR(256)) "
            + "WHERE NOT EXISTS (SELECT 1 FROM device_last_log WHERE device_id=?)";

    /** Tries of one recording against conflicting nodes: enough for a cluster's handful of nodes. */
    private static final int ATTEMPTS = 8;

    private final DataSource dataSource;

    @Activate
    public JdbcLastLogStore(@Reference(target = "(dataSourceName=yagura)") DataSource dataSource) throws Exception {
        this.dataSource = dataSource;
        Schema.migrate(dataSource);
    }

    @Override
    public void record(String nodeId, Map<String, Instant> arrivals) {
        if (arrivals.isEmpty()) {
            return;
        }
        // rows locked in one order by every node: two recordings never wait for each other in a circle
        List<Map.Entry<String, Instant>> entries = new ArrayList<>(new TreeMap<>(arrivals).entrySet());
        try {
            // another node inserted one of these devices meanwhile, or the database chose this
            // recording as a deadlock's victim (H2 can, waiting on another's uncommitted insert)
            recordOnce(nodeId, entries);
        } catch (SQLException e) {
            throw new JdbcIncidentStore.StoreException(UPDATE, e);
        }
    }

    private void recordOnce(String nodeId, List<Map.Entry<String, Instant>> entries) throws SQLException {
        JdbcTransactions.inTransactionRetrying(dataSource, ATTEMPTS, c -> {
            int[] updated = batch(c, UPDATE, nodeId, entries);
            // 0: no row, or a later time stored (then NOT EXISTS inserts nothing); unknown: try too
            List<Map.Entry<String, Instant>> absent = unless(entries, updated);
            if (!absent.isEmpty()) {
                // a row another node committed after this UPDATE began makes the INSERT insert nothing:
                // the time is then set by the UPDATE again, which sees that row now
                List<Map.Entry<String, Instant>> inserted = unless(absent, batch(c, INSERT, nodeId, absent));
                if (!inserted.isEmpty()) {
                    batch(c, UPDATE, nodeId, inserted);
                }
            }
            return null;
        });
    }

    /** One statement per device, {@link #UPDATE} or {@link #INSERT}, sent as one batch; the rows each changed. */
    private static int[] batch(Connection c, String sql, String nodeId, List<Map.Entry<String, Instant>> entries)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Map.Entry<String, Instant> e : entries) {
                if (sql.equals(UPDATE)) {
                    setTime(ps, 1, e.getValue());
                    ps.setString(2, nodeId);
                    ps.setString(3, e.getKey());
                    setTime(ps, 4, e.getValue());
                } else {
                    ps.setString(1, e.getKey());
                    setTime(ps, 2, e.getValue());
                    ps.setString(3, nodeId);
                    ps.setString(4, e.getKey());
                }
                ps.addBatch();
            }
            return ps.executeBatch();
        }
    }

    /** The entries whose statement did not change exactly one row (or whose count is unknown). */
    private static List<Map.Entry<String, Instant>> unless(List<Map.Entry<String, Instant>> entries, int[] changed) {
        List<Map.Entry<String, Instant>> left = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (changed[i] != 1) {
                left.add(entries.get(i));
            }
        }
        return left;
    }

    @Override
    public Optional<Instant> lastLog(String deviceId) {
        return Statements.query(dataSource, "SELECT last_log FROM device_last_log WHERE device_id=?",
                ps -> ps.setString(1, deviceId), rs -> time(rs, "last_log")).stream().findFirst();
    }

    @Override
    public Map<String, Instant> all() {
        Map<String, Instant> all = new HashMap<>();
        Statements.query(dataSource, "SELECT device_id, last_log FROM device_last_log", ps -> { },
                rs -> all.put(rs.getString("device_id"), time(rs, "last_log")));
        return Collections.unmodifiableMap(all);
    }

    @Override
    public void remove(String deviceId) {
        Statements.update(dataSource, "DELETE FROM device_last_log WHERE device_id=?", ps -> ps.setString(1, deviceId));
    }
}
