package io.yagura.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.cluster.ClusterDuties;
import io.yagura.api.report.MonthlyReport;
import io.yagura.store.testing.ManualDuties;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.karaf.scheduler.core.QuartzScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The component as Declarative Services activates it, on the real Karaf Scheduler (Quartz). */
class ReportComponentTest {

    final QuartzScheduler quartz = new QuartzScheduler(threads());
    @TempDir
    Path dir;
    MonthOfIncidents month;

    private static Properties threads() {
        Properties p = new Properties();
        p.put("org.quartz.threadPool.threadCount", "1");
        return p;
    }

    @BeforeEach
    void setUp() throws Exception {
        month = new MonthOfIncidents(dir.resolve("templates"));
    }

    @AfterEach
    void stop() {
        quartz.deactivate();
    }

    /** A configuration as Config Admin gives it: the defaults, some replaced (by method name). */
    static ReportConfig config(Map<String, Object> values) {
        Map<String, Object> v = new HashMap<>(values);
        return (ReportConfig) Proxy.newProxyInstance(ReportConfig.class.getClassLoader(),
                new Class<?>[] {ReportConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> ReportConfig.class;
                    case "toString" -> "ReportConfig" + v;
                    case "hashCode" -> v.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> v.containsKey(method.getName()) ? v.get(method.getName()) : method.getDefaultValue();
                });
    }

    private ReportMaker activate(ReportConfig config) {
        return activate(config, new ManualDuties());
    }

    private ReportMaker activate(ReportConfig config, ClusterDuties duties) {
        return new ReportMaker(quartz, month.incidents, month.blocks, month.health, month.registry, month.templates,
                mail -> {
                    throw new io.yagura.api.notify.Mailer.MailException("not used here", null);
                }, month.reports, duties, config);
    }

    @Test
    void theScheduledRunMakesReportsOnlyOnTheNodeHoldingTheDuty() throws Exception {
        ManualDuties duties = new ManualDuties().lose(ClusterDuties.MONTHLY_REPORTS);
        ReportMaker maker = activate(config(Map.of("mail", false)), duties);
        try {
            maker.scheduledRun();
            assertEquals(List.of(), month.reports.list("acme"), "another node holds the duty: no report made here");

            duties.gain(ClusterDuties.MONTHLY_REPORTS);
            maker.scheduledRun();
            assertEquals(1, month.reports.list("acme").size(), "the holder makes last month's report");
        } finally {
            maker.deactivate();
        }
    }

    @Test
    void activationSchedulesTheMonthlyRunAndDeactivationRemovesIt() throws Exception {
        ReportMaker maker = activate(config(Map.of("mail", false)));
        assertTrue(quartz.getJobs().containsKey(ReportMaker.JOB), quartz.getJobs().keySet()::toString);
        MonthlyReport r = maker.make("globex", MonthOfIncidents.NOVEMBER, "test");
        assertEquals("en", r.language(), "works on demand with the configuration's font and zone");
        maker.deactivate();
        assertFalse(quartz.getJobs().containsKey(ReportMaker.JOB), "unscheduled");
    }

    @Test
    void aWrongCronLeavesReportsOnDemandOnly() throws Exception {
        ReportMaker maker = activate(config(Map.of("schedule", "every month please")));
        assertFalse(quartz.getJobs().containsKey(ReportMaker.JOB));
        assertEquals("ja", maker.make("acme", MonthOfIncidents.NOVEMBER, "test").language());
    }

    @Test
    void aMissingFontOrZoneStopsActivationWithWhatToDo() {
        String font = assertThrows(IllegalStateException.class,
                () -> activate(config(Map.of("font_path", "/nonexistent/ipaexg.ttf")))).getMessage();
        assertTrue(font.contains("/nonexistent/ipaexg.ttf") && font.contains("fonts-ipaexfont"), font);
        String zone = assertThrows(IllegalArgumentException.class,
                () -> activate(config(Map.of("zone", "Mars/Olympus")))).getMessage();
        assertTrue(zone.contains("Mars/Olympus") && zone.contains("io.yagura.report.cfg"), zone);
    }
}
