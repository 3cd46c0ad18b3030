package io.yagura.report;

import java.time.Instant;

/**
 * One try to mail a report to one contact: the proof of delivery.
 *
 * @param outcome "delivered" or "failed"
 * @param answer  the SMTP server's answer, or the error
 */
public record ReportDelivery(String reportId, String customerId, String address, int attempt, Instant at,
                             String outcome, String answer) {
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";
}
