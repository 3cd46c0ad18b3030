package io.yagura.api.report;

import java.time.YearMonth;

/** Makes a monthly report on demand (the console, the portal); the scheduler makes them after month end. */
public interface ReportService {

    /**
     * Makes (or makes again) the report of a customer for a month in its language and stores it.
     *
     * @param by who asked, for the audit
     */
    MonthlyReport make(String customerId, YearMonth month, String by);
}
