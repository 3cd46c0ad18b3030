package io.yagura.api.report;

import java.util.List;
import java.util.Optional;

/** Monthly reports as stored; the portal and the console read them from here. */
public interface ReportStore {

    /** A customer's reports, newest month first. */
    List<MonthlyReport> list(String customerId);

    Optional<MonthlyReport> find(String reportId);

    /** The PDF bytes of a report. */
    Optional<byte[]> content(String reportId);
}
