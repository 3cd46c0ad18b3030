package io.yagura.report;

import io.yagura.api.JdbcStatements;
import io.yagura.api.JdbcTransactions;
import io.yagura.api.report.MonthlyReport;
import io.yagura.api.report.ReportStore;
import io.yagura.store.schema.Migrations;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Reports (with their PDF bytes) and their mail deliveries in the tables {@code monthly_report} and
 * {@code report_delivery} of the Yagura database (H2 or PostgreSQL), which this bundle creates
 * itself when missing. One report per customer and month: making it again replaces it.
 */
@Component(service = {ReportStore.class, JdbcReportStore.class})
public class JdbcReportStore implements ReportStore {

    // its tables: portable DDL that H2 (MODE=PostgreSQL) and PostgreSQL both take
    static final String CHANGELOG = "io/yagura/report/db/changelog.yaml";
    private static final String COLUMNS = "id, customer_id, report_month, report_language, created_at, created_by, "
            + "size_bytes";

    private final DataSource dataSource;

    @Activate
    public JdbcReportStore(@Reference(target = "(dataSourceName=yagura)") DataSource dataSource) {
        this.dataSource = dataSource;
        try {
            Migrations.migrate(dataSource, CHANGELOG, JdbcReportStore.class.getClassLoader());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the report tables: " + e.getMessage(), e);
        }
    }

    @Override
    public List<MonthlyReport> list(String customerId) {
        return query("SELECT " + COLUMNS + " FROM monthly_report WHERE customer_id=? ORDER BY report_month DESC",
                ps -> ps.setString(1, customerId), JdbcReportStore::report);
    }

    /** Every stored report of a month (the scheduler's "already made" check). */
    public List<MonthlyReport> ofMonth(YearMonth month) {
        return query("SELECT " + COLUMNS + " FROM monthly_report WHERE report_month=? ORDER BY customer_id",
                ps -> ps.setString(1, month.toString()), JdbcReportStore::report);
    }

    public Optional<MonthlyReport> find(String customerId, YearMonth month) {
        return query("SELECT " + COLUMNS + " FROM monthly_report WHERE customer_id=? AND report_month=?", ps -> {
            ps.setString(1, customerId);
            ps.setString(2, month.toString());
        }, JdbcReportStore::report).stream().findFirst();
    }

    @Override
    public Optional<MonthlyReport> find(String reportId) {
        return query("SELECT " + COLUMNS + " FROM monthly_report WHERE id=?", ps -> ps.setString(1, reportId),
                JdbcReportStore::report).stream().findFirst();
    }

    @Override
    public Optional<byte[]> content(String reportId) {
        return query("SELECT pdf FROM monthly_report WHERE id=?", ps -> ps.setString(1, reportId),
                rs -> rs.getBytes(1)).stream().findFirst();
    }

    /** Stores a report, replacing the customer's report of that month in the same transaction. */
    public void save(MonthlyReport r, byte[] pdf) {
        try {
            JdbcTransactions.inTransaction(dataSource, c -> {
                try (PreparedStatement del = c.prepareStatement(
                        "DELETE FROM monthly_report WHERE customer_id=? AND report_month=?");
                     PreparedStatement ins = c.prepareStatement("INSERT INTO monthly_report (" + COLUMNS
                             + ", pdf) VALUES (?,?,?,?,?,?,?,?)")) {
                    del.setString(1, r.customerId());
                    del.setString(2, r.month().toString());
                    del.executeUpdate();
                    ins.setString(1, r.id());
                    ins.setString(2, r.customerId());
                    ins.setString(3, r.month().toString());
                    ins.setString(4, r.language());
                    ins.setObject(5, r.createdAt().atOffset(ZoneOffset.UTC));
                    ins.setString(6, r.createdBy());
                    ins.setLong(7, r.sizeBytes());
                    ins.setBytes(8, pdf);
                    return ins.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw failure("storing report " + r.id(), e);
        }
    }

    public void addDelivery(ReportDelivery d) {
        String answer = d.answer() == null ? null : d.answer().substring(0, Math.min(1000, d.answer().length()));
        update("INSERT INTO report_delivery (report_id, customer_id, address, attempt, attempted_at, outcome, answer) "
                + "VALUES (?,?,?,?,?,?,?)", ps -> {
                    ps.setString(1, d.reportId());
                    ps.setString(2, d.customerId());
                    ps.setString(3, d.address());
                    ps.setInt(4, d.attempt());
                    ps.setObject(5, d.at().atOffset(ZoneOffset.UTC));
                    ps.setString(6, d.outcome());
                    ps.setString(7, answer);
                });
    }

    /** A report's mail tries, oldest first. */
    public List<ReportDelivery> deliveries(String reportId) {
        return query("SELECT report_id, customer_id, address, attempt, attempted_at, outcome, answer FROM report_delivery "
                + "WHERE report_id=? ORDER BY id", ps -> ps.setString(1, reportId),
                rs -> new ReportDelivery(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getString(6), rs.getString(7)));
    }

    private static MonthlyReport report(ResultSet rs) throws SQLException {
        Instant created = rs.getObject(5, OffsetDateTime.class).toInstant();
        return new MonthlyReport(rs.getString(1), rs.getString(2), YearMonth.parse(rs.getString(3)), rs.getString(4),
                created, rs.getString(6), rs.getLong(7));
    }

    private void update(String sql, JdbcStatements.Binder binder) {
        JdbcStatements.update(dataSource, sql, binder, JdbcReportStore::failure);
    }

    private <T> List<T> query(String sql, JdbcStatements.Binder binder, JdbcStatements.Row<T> row) {
        return JdbcStatements.query(dataSource, sql, binder, row, JdbcReportStore::failure);
    }

    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("report store: " + what + ": " + e.getMessage(), e);
    }
}
