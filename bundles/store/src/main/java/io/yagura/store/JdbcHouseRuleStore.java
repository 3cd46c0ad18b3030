package io.yagura.store;

import io.yagura.api.houserule.HouseRuleState;
import io.yagura.api.houserule.HouseRuleStore;
import io.yagura.api.houserule.HouseRuleTest;
import io.yagura.api.houserule.HouseRuleVersion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link HouseRuleStore} over plain JDBC (H2 and PostgreSQL): one row per version in
 * {@code house_rule_version}, never updated except to record a validation replay on it. The primary
 * key (rule id, version) makes a second writer of the same version fail instead of overwriting.
 */
@Component(service = HouseRuleStore.class, immediate = true)
public class JdbcHouseRuleStore implements HouseRuleStore {

    private static final String COLUMNS = "rule_id, version, state, text, text_sha256, customers, author, changed_at, "
            + "reason, test_at, test_by, test_sha256, test_passed, test_report";
    /** SQLSTATE of a unique or primary key violation, the same in H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;

    @Activate
    public JdbcHouseRuleStore(@Reference(target = "(dataSourceName=yagura)") DataSource dataSource) throws Exception {
        this.dataSource = dataSource;
        Schema.migrate(dataSource);
    }

    @Override
    public List<HouseRuleVersion> latest() {
        return select("SELECT " + COLUMNS + " FROM house_rule_version v WHERE version = "
                + "(SELECT MAX(version) FROM house_rule_version w WHERE w.rule_id = v.rule_id) ORDER BY rule_id");
    }

    @Override
    public Optional<HouseRuleVersion> latest(String ruleId) {
        List<HouseRuleVersion> all = history(ruleId);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    @Override
    public Optional<HouseRuleVersion> version(String ruleId, int version) {
        return select("SELECT " + COLUMNS + " FROM house_rule_version WHERE rule_id=? AND version=?", ruleId, version)
                .stream().findFirst();
    }

    @Override
    public List<HouseRuleVersion> history(String ruleId) {
        return select("SELECT " + COLUMNS + " FROM house_rule_version WHERE rule_id=? ORDER BY version", ruleId);
    }

    @Override
    public HouseRuleVersion append(HouseRuleVersion v) {
        int expected = latest(v.ruleId()).map(HouseRuleVersion::version).orElse(0) + 1;
        if (v.version() != expected) {
            throw new ConcurrentChangeException("house rule " + v.ruleId() + " is at version " + (expected - 1)
                    + " now, not " + (v.version() - 1) + ": someone changed it meanwhile; show it again and retry");
        }
        String sql = "INSERT INTO house_rule_version (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, v.ruleId());
            ps.setInt(2, v.version());
            ps.setString(3, v.state().name());
            ps.setString(4, v.text());
            ps.setString(5, v.textSha256());
            ps.setString(6, String.join(",", v.customers()));
            ps.setString(7, v.author());
            ps.setTimestamp(8, Timestamp.from(v.at()));
            ps.setString(9, v.reason());
            bindTest(ps, 10, v.test());
            ps.executeUpdate();
            return v;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new ConcurrentChangeException("house rule " + v.ruleId() + " version " + v.version()
                        + " was stored by another change first; show it again and retry");
            }
            throw new JdbcIncidentStore.StoreException(sql, e);
        }
    }

    @Override
    public void recordTest(String ruleId, int version, HouseRuleTest test) {
        String sql = "UPDATE house_rule_version SET test_at=?, test_by=?, test_sha256=?, test_passed=?, test_report=? "
                + "WHERE rule_id=? AND version=?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bindTest(ps, 1, test);
            ps.setString(6, ruleId);
            ps.setInt(7, version);
            if (ps.executeUpdate() == 0) {
                throw new IllegalArgumentException("no house rule " + ruleId + " version " + version);
            }
        } catch (SQLException e) {
            throw new JdbcIncidentStore.StoreException(sql, e);
        }
    }

    @Override
    public long changeCount() {
        String sql = "SELECT COUNT(*) FROM house_rule_version";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new JdbcIncidentStore.StoreException(sql, e);
        }
    }

    private static void bindTest(PreparedStatement ps, int n, HouseRuleTest t) throws SQLException {
        if (t == null) {
            ps.setNull(n, Types.TIMESTAMP);
            ps.setNull(n + 1, Types.VARCHAR);
            ps.setNull(n + 2, Types.VARCHAR);
            ps.setNull(n + 3, Types.BOOLEAN);
            ps.setNull(n + 4, Types.VARCHAR);
            return;
        }
        ps.setTimestamp(n, Timestamp.from(t.at()));
        ps.setString(n + 1, t.by());
        ps.setString(n + 2, t.textSha256());
        ps.setBoolean(n + 3, t.passed());
        ps.setString(n + 4, t.report());
    }

    private List<HouseRuleVersion> select(String sql, Object... params) {
        List<HouseRuleVersion> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(version(rs));
                }
            }
        } catch (SQLException e) {
            throw new JdbcIncidentStore.StoreException(sql, e);
        }
        return out;
    }

    private static HouseRuleVersion version(ResultSet rs) throws SQLException {
        String customers = rs.getString("customers");
        Timestamp testAt = rs.getTimestamp("test_at");
        HouseRuleTest test = testAt == null ? null : new HouseRuleTest(testAt.toInstant(), rs.getString("test_by"),
                rs.getString("test_sha256"), rs.getBoolean("test_passed"), rs.getString("test_report"));
        return new HouseRuleVersion(rs.getString("rule_id"), rs.getInt("version"),
                HouseRuleState.valueOf(rs.getString("state")), rs.getString("text"), rs.getString("text_sha256"),
                customers == null || customers.isEmpty() ? List.of() : Arrays.asList(customers.split(",")),
                rs.getString("author"), rs.getTimestamp("changed_at").toInstant(), rs.getString("reason"), test);
    }
}
