package io.yagura.api.incident;

import java.time.Instant;

/** One operator or analyst action, kept for audit. */
public record AuditEntry(Instant at, String actor, String action, String subject, String detail) {
}
