package io.yagura.api.report;

import java.time.Instant;
import java.time.YearMonth;

/**
 * A stored monthly report (its PDF is read with {@link ReportStore#content}).
 *
 * @param language  "ja" or "en"
 * @param createdBy "scheduler" or the operator/user who asked for it
 */
public record MonthlyReport(String id, String customerId, YearMonth month, String language, Instant createdAt,
                            String createdBy, long sizeBytes) {
}
