package io.yagura.store;

import static io.yagura.store.Statements.time;

import io.yagura.api.JdbcTransactions;
import io.yagura.api.cluster.ClusterDuties.Lease;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The table cluster_lease: one row per duty, its holder and the moment its lease runs out.
 * Every comparison and every new expiry is computed on the database's clock (CURRENT_TIMESTAMP),
 * so the nodes' clocks do not matter. Takes its SQLExceptions to the caller: a failed question
 * is a lease not held.
 */
final class Leases {

    /** The new expiry: now on the database's clock plus the time to live in milliseconds (parameter). */
    private static final String EXPIRY = "CURRENT_TIMESTAMP + CAST(? AS INTEGER) * INTERVAL '0.001' SECOND";

    private final DataSource dataSource;

    Leases(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Takes or renews the lease: one UPDATE that succeeds only when this node holds it already or
     * the lease ran out, and for a duty without a row an INSERT; of two nodes inserting the same
     * duty at once, the primary key lets one win and the other simply does not hold it.
     *
     * @return whether {@code node} holds {@code duty} for {@code ttl} from now (database clock)
     */
    boolean acquire(String duty, String node, Duration ttl) throws SQLException {
        int millis = Math.toIntExact(ttl.toMillis());
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE cluster_lease SET holder=?, expires_at=" + EXPIRY
                    + " WHERE duty=? AND (holder=? OR expires_at < CURRENT_TIMESTAMP)")) {
                ps.setString(1, node);
                ps.setInt(2, millis);
                ps.setString(3, duty);
                ps.setString(4, node);
                if (ps.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cluster_lease (duty, holder, expires_at) "
                    + "SELECT CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(256)), " + EXPIRY
                    + " WHERE NOT EXISTS (SELECT 1 FROM cluster_lease WHERE duty=?)")) {
                ps.setString(1, duty);
                ps.setString(2, node);
                ps.setInt(3, millis);
                ps.setString(4, duty);
                return ps.executeUpdate() == 1;
            } catch (SQLException e) {
                if (JdbcTransactions.isDuplicateKey(e)) {
                    return false; // another node inserted the duty at the same moment: it holds it
                }
                throw e;
            }
        }
    }

    /** Ends every lease the node holds now: other nodes take them at their next renewal. */
    int release(String node) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE cluster_lease SET expires_at=CURRENT_TIMESTAMP - "
                     + "INTERVAL '1' SECOND WHERE holder=? AND expires_at >= CURRENT_TIMESTAMP")) {
            ps.setString(1, node);
            return ps.executeUpdate();
        }
    }

    /** Every lease, ordered by duty; a lease whose time has passed is held by nobody. */
    List<Lease> list() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT duty, holder, expires_at FROM cluster_lease ORDER BY duty");
             ResultSet rs = ps.executeQuery()) {
            List<Lease> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Lease(rs.getString("duty"), rs.getString("holder"), time(rs, "expires_at")));
            }
            return out;
        }
    }
}
