package io.yagura.report.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.report.MonthOfIncidents;
import io.yagura.report.ReportDelivery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** yagura:report-make and yagura:reports as an operator types them. */
class ReportCommandsTest {

    @TempDir
    Path dir;
    MonthOfIncidents month;
    ReportMakeCommand make;

    @BeforeEach
    void setUp() throws Exception {
        month = new MonthOfIncidents(dir.resolve("templates"));
        make = new ReportMakeCommand();
        make.maker = month.maker(mail -> {
            throw new io.yagura.api.notify.Mailer.MailException("not used", null);
        });
        make.registry = month.registry;
    }

    @Test
    void reportMakeDefaultsToLastMonthAndWritesThePdfItStored() throws Exception {
        make.customer = "acme";
        make.out = dir.resolve("acme.pdf").toString();
        make.execute();
        var stored = month.reports.list("acme");
        assertEquals(List.of(MonthOfIncidents.NOVEMBER), stored.stream().map(r -> r.month()).toList(),
                "last month in Tokyo on 2 December");
        assertArrayEquals(month.reports.content(stored.get(0).id()).orElseThrow(), Files.readAllBytes(Path.of(make.out)));
        assertTrue(stored.get(0).createdBy().startsWith("console"), stored.get(0).createdBy());
    }

    @Test
    void aBadMonthOrCustomerStoresNothing() throws Exception {
        make.customer = "acme";
        make.month = "2026-13";
        assertEquals("Not made: --month '2026-13' is not YYYY-MM",
                assertThrows(CommandException.class, make::execute).getMessage());
        make.customer = "nobody";
        make.month = null;
        assertEquals("Not made: no customer 'nobody' (yagura:customers lists them)",
                assertThrows(CommandException.class, make::execute).getMessage());
        assertEquals(List.of(), month.reports.list("acme"));
    }

    @Test
    void deliveriesAreSummedUpPerAddressWithTheLastFailure() {
        Instant t = Instant.parse("2026-12-02T00:00:00Z");
        assertEquals("a@x.example delivered; b@x.example failed x2 (550 5.1.1 unknown)", ReportsCommand.deliveries(List.of(
                new ReportDelivery("R", "c", "a@x.example", 1, t, "delivered", "250 ok"),
                new ReportDelivery("R", "c", "b@x.example", 1, t, "failed", "451 later"),
                new ReportDelivery("R", "c", "b@x.example", 2, t, "failed", "550 5.1.1 unknown"))));
        assertEquals("-", ReportsCommand.deliveries(List.of()));
    }
}
