package io.yagura.store;

import static io.yagura.store.Statements.setTime;
import static io.yagura.store.Statements.time;

import io.yagura.api.JdbcStatements;
import io.yagura.api.JdbcTransactions;
import io.yagura.api.incident.IncidentStore.ConcurrentChangeException;
import io.yagura.api.response.Block;
import io.yagura.api.response.BlockAudit;
import io.yagura.api.response.BlockState;
import io.yagura.api.response.BlockStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link BlockStore} over plain JDBC, in the SQL subset H2 and PostgreSQL share (as
 * {@link JdbcIncidentStore}). Blocks carry an optimistic lock (version): two nodes, or the
 * expiry job and an analyst, cannot both move the same block.
 */
@Component(service = BlockStore.class, immediate = true)
public class JdbcBlockStore implements BlockStore {

    private static final String COLUMNS = "id, customer_id, device_id, address, quarantine, incident_id, state, "
            + "requested_by, reason, requested_at, placed_at, expires_at, ended_at, device_answer, version";

    private final DataSource dataSource;

    @Activate
    public JdbcBlockStore(@Reference(target = "(dataSourceName=yagura)") DataSource dataSource) throws Exception {
        this.dataSource = dataSource;
        Schema.migrate(dataSource);
    }

    @Override
    public Block create(Block b) {
        Block stored = withVersion(b, 1);
        update("INSERT INTO block (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", ps -> {
            ps.setString(1, stored.id());
            bindBlock(ps, stored, 2);
        });
        return stored;
    }

    @Override
    public Block update(Block b) {
        Block next = withVersion(b, b.version() + 1);
        int rows = update("UPDATE block SET customer_id=?, device_id=?, address=?, quarantine=?, incident_id=?, state=?, "
                + "requested_by=?, reason=?, requested_at=?, placed_at=?, expires_at=?, ended_at=?, device_answer=?, "
                + "version=? WHERE id=? AND version=?", ps -> {
                    int n = bindBlock(ps, next, 1);
                    ps.setString(n++, b.id());
                    ps.setLong(n, b.version());
                });
        if (rows != 1) {
            throw new ConcurrentChangeException("block " + b.id() + " was changed by someone else since version "
                    + b.version() + "; read it again");
        }
        return next;
    }

    private static Block withVersion(Block b, long version) {
        return new Block(b.id(), b.customerId(), b.deviceId(), b.address(), b.quarantine(), b.incidentId(), b.state(),
                b.requestedBy(), b.reason(), b.requestedAt(), b.placedAt(), b.expiresAt(), b.endedAt(), b.deviceAnswer(),
                version);
    }

    /** Binds every column but the id in COLUMNS order, from parameter {@code n} on; returns the next parameter. */
    private static int bindBlock(PreparedStatement ps, Block b, int n) throws SQLException {
        ps.setString(n++, b.customerId());
        ps.setString(n++, b.deviceId());
        ps.setString(n++, b.address());
        ps.setBoolean(n++, b.quarantine());
        ps.setString(n++, b.incidentId());
        ps.setString(n++, b.state().name());
        ps.setString(n++, b.requestedBy());
        ps.setString(n++, b.reason());
        setTime(ps, n++, b.requestedAt());
        setTime(ps, n++, b.placedAt());
        setTime(ps, n++, b.expiresAt());
        setTime(ps, n++, b.endedAt());
        ps.setString(n++, b.deviceAnswer());
        ps.setLong(n++, b.version());
        return n;
    }

    private static Block block(ResultSet rs) throws SQLException {
        return new Block(rs.getString("id"), rs.getString("customer_id"), rs.getString("device_id"),
                rs.getString("address"), rs.getBoolean("quarantine"), rs.getString("incident_id"),
                BlockState.valueOf(rs.getString("state")), rs.getString("requested_by"), rs.getString("reason"),
                time(rs, "requested_at"), time(rs, "placed_at"), time(rs, "expires_at"), time(rs, "ended_at"),
                rs.getString("device_answer"), rs.getLong("version"));
    }

    @Override
    public Optional<Block> find(String id) {
        return query("SELECT " + COLUMNS + " FROM block WHERE id=?", ps -> ps.setString(1, id), JdbcBlockStore::block)
                .stream().findFirst();
    }

    @Override
    public List<Block> list(Filter f) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM block WHERE 1=1");
        List<String> values = new ArrayList<>();
        condition(sql, values, "customer_id", f.customerId());
        condition(sql, values, "device_id", f.deviceId());
        condition(sql, values, "incident_id", f.incidentId());
        if (f.states() != null && !f.states().isEmpty()) {
            sql.append(" AND state IN (").append(String.join(",", f.states().stream().map(s -> "?").toList())).append(')');
            f.states().forEach(s -> values.add(s.name()));
        }
        sql.append(" ORDER BY requested_at DESC, id DESC");
        return query(sql.toString(), ps -> {
            for (int i = 0; i < values.size(); i++) {
                ps.setString(i + 1, values.get(i));
            }
            if (f.limit() > 0) {
                ps.setMaxRows(f.limit());
            }
        }, JdbcBlockStore::block);
    }

    private static void condition(StringBuilder sql, List<String> values, String column, String value) {
        if (value != null && !value.isEmpty()) {
            sql.append(" AND ").append(column).append("=?");
            values.add(value);
        }
    }

    @Override
    public List<Block> dueForExpiry(Instant now, int limit) {
        return query("SELECT " + COLUMNS + " FROM block WHERE state=? AND expires_at <= ? ORDER BY expires_at, id", ps -> {
            ps.setString(1, BlockState.ACTIVE.name());
            setTime(ps, 2, now);
            ps.setMaxRows(Math.max(1, limit));
        }, JdbcBlockStore::block);
    }

    @Override
    public void audit(BlockAudit a) {
        update("INSERT INTO block_audit (block_id, occurred_at, actor, action, detail, device_answer) VALUES (?,?,?,?,?,?)",
                ps -> {
                    ps.setString(1, a.blockId());
                    setTime(ps, 2, a.at());
                    ps.setString(3, a.actor());
                    ps.setString(4, a.action());
                    ps.setString(5, a.detail());
                    ps.setString(6, a.deviceAnswer());
                });
    }

    @Override
    public List<BlockAudit> audit(String blockId) {
        return query("SELECT block_id, occurred_at, actor, action, detail, device_answer FROM block_audit WHERE block_id=? "
                + "ORDER BY occurred_at, id", ps -> ps.setString(1, blockId),
                rs -> new BlockAudit(rs.getString(1), time(rs, "occurred_at"), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)));
    }

    @Override
    public Optional<String> pinnedFingerprint(String deviceId) {
        return query("SELECT fingerprint FROM device_fingerprint WHERE device_id=?", ps -> ps.setString(1, deviceId),
                rs -> rs.getString(1)).stream().findFirst();
    }

    /** Replaces the row in one transaction, keeping the fingerprint it replaces (who accepted what, and instead of what). */
    @Override
    public void pinFingerprint(String deviceId, String fingerprint, String acceptedBy, Instant at) {
        String sql = "PIN device_fingerprint";
        try {
            JdbcTransactions.inTransaction(dataSource, c -> {
                String previous = null;
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT fingerprint FROM device_fingerprint WHERE device_id=? FOR UPDATE")) {
                    ps.setString(1, deviceId);
                    try (ResultSet rs = ps.executeQuery()) {
                        previous = rs.next() ? rs.getString(1) : null;
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM device_fingerprint WHERE device_id=?")) {
                    ps.setString(1, deviceId);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO device_fingerprint (device_id, fingerprint, "
                        + "accepted_by, accepted_at, previous_fingerprint) VALUES (?,?,?,?,?)")) {
                    ps.setString(1, deviceId);
                    ps.setString(2, fingerprint);
                    ps.setString(3, acceptedBy);
                    setTime(ps, 4, at);
                    ps.setString(5, previous);
                    ps.executeUpdate();
                }
                return null;
            });
        } catch (SQLException e) {
            throw new JdbcIncidentStore.StoreException(sql, e);
        }
    }

    // --- plumbing: the store's one statement helper ----------------------------------------------

    private int update(String sql, JdbcStatements.Binder binder) {
        return Statements.update(dataSource, sql, binder);
    }

    private <T> List<T> query(String sql, JdbcStatements.Binder binder, JdbcStatements.Row<T> row) {
        return Statements.query(dataSource, sql, binder, row);
    }
}
