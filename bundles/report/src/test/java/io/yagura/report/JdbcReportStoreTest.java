package io.yagura.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.report.MonthlyReport;
import io.yagura.testing.TestDatabases;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The report tables on the embedded H2 and, when YAGURA_TEST_POSTGRES_URL names one, on PostgreSQL. */
class JdbcReportStoreTest {

    static Stream<String> databases() {
        return TestDatabases.names();
    }

    private static final Instant T = Instant.parse("2026-12-02T00:00:00Z");

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aMonthIsStoredOncePerCustomerWithItsBytesAndDeliveries(String db) throws Exception {
        DataSource ds = TestDatabases.fresh(db);
        JdbcReportStore store = new JdbcReportStore(ds);
        new JdbcReportStore(ds); // a second start finds the tables there
        byte[] pdf = {'%', 'P', 'D', 'F', 0, (byte) 0xff, 7};
        YearMonth nov = YearMonth.of(2026, 11);
        store.save(new MonthlyReport("RPT-1", "acme", nov, "ja", T, "scheduler", pdf.length), pdf);
        store.save(new MonthlyReport("RPT-0", "acme", YearMonth.of(2026, 10), "ja", T, "scheduler", 1), new byte[] {1});
        store.save(new MonthlyReport("RPT-2", "globex", nov, "en", T, "scheduler", 1), new byte[] {2});
        store.save(new MonthlyReport("RPT-3", "acme", nov, "en", T.plusSeconds(60), "console:karaf", pdf.length), pdf);

        assertEquals(List.of("RPT-3", "RPT-0"), store.list("acme").stream().map(MonthlyReport::id).toList(),
                "November replaced, newest month first");
        assertEquals(new MonthlyReport("RPT-3", "acme", nov, "en", T.plusSeconds(60), "console:karaf", pdf.length),
                store.find("RPT-3").orElseThrow());
        assertArrayEquals(pdf, store.content("RPT-3").orElseThrow(), "bytes unchanged");
        assertTrue(store.find("RPT-1").isEmpty());
        assertEquals(List.of("acme", "globex"), store.ofMonth(nov).stream().map(MonthlyReport::customerId).toList());

        store.addDelivery(new ReportDelivery("RPT-3", "acme", "a@acme.example", 1, T, "failed", "x".repeat(1500)));
        store.addDelivery(new ReportDelivery("RPT-3", "acme", "a@acme.example", 2, T.plusSeconds(1), "delivered",
                "250 2.0.0 Ok"));
        List<ReportDelivery> d = store.deliveries("RPT-3");
        assertEquals(List.of("failed", "delivered"), d.stream().map(ReportDelivery::outcome).toList());
        assertEquals(1000, d.get(0).answer().length(), "a long answer is cut to the column");
        assertEquals(T.plusSeconds(1), d.get(1).at());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aReplacementThatCannotBeStoredLeavesTheEarlierReportOfTheMonth(String db) throws Exception {
        DataSource ds = TestDatabases.fresh(db);
        JdbcReportStore store = new JdbcReportStore(ds);
        YearMonth nov = YearMonth.of(2026, 11);
        store.save(new MonthlyReport("RPT-1", "acme", nov, "ja", T, "scheduler", 1), new byte[] {1});

        // no author: the insert fails after the delete of RPT-1, in the same transaction
        MonthlyReport broken = new MonthlyReport("RPT-2", "acme", nov, "en", T, null, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.save(broken, new byte[] {2}));

        assertTrue(e.getMessage().startsWith("report store: storing report RPT-2"), e.getMessage());
        assertEquals(List.of("RPT-1"), store.list("acme").stream().map(MonthlyReport::id).toList(),
                "the delete was rolled back with the failed insert");
        store.save(new MonthlyReport("RPT-3", "acme", nov, "en", T, "console:karaf", 1), new byte[] {3});
        assertEquals(List.of("RPT-3"), store.list("acme").stream().map(MonthlyReport::id).toList(),
                "the store writes again after a failed transaction");
    }

    /** The report table as the bundle made it before its changelog (the delivery table came later). */
    static final String MONTHLY_REPORT_BEFORE_LIQUIBASE = "CREATE TABLE monthly_report (id VARCHAR(40) PRIMARY KEY, "
            + "customer_id VARCHAR(100) NOT NULL, report_month VARCHAR(7) NOT NULL, report_language VARCHAR(10) NOT NULL, "
            + "created_at TIMESTAMP WITH TIME ZONE NOT NULL, created_by VARCHAR(200) NOT NULL, size_bytes BIGINT NOT NULL, "
            + "pdf BYTEA NOT NULL, CONSTRAINT monthly_report_once UNIQUE (customer_id, report_month))";

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aDatabaseWhoseReportTablesPredateLiquibaseKeepsThem(String db) throws Exception {
        DataSource ds = TestDatabases.freshWith(db, MONTHLY_REPORT_BEFORE_LIQUIBASE);
        JdbcReportStore store = new JdbcReportStore(ds);
        store.save(new MonthlyReport("RPT-1", "acme", YearMonth.of(2026, 11), "ja", T, "scheduler", 1), new byte[] {1});
        new JdbcReportStore(ds);
        assertEquals(Map.of("report-1-monthly-reports", "MARK_RAN", "report-1-deliveries", "EXECUTED"),
                TestDatabases.changeSetRuns(ds), "the old table kept, the missing one made, a second start applies nothing");
        assertEquals("RPT-1", store.find("RPT-1").orElseThrow().id());
    }
}
