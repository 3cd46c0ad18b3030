package io.yagura.notify.mail;

import io.yagura.api.incident.AuditEntry;
import io.yagura.api.incident.IncidentStore;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a digest notice lists, as the dispatcher recorded it in the audit log when it created
 * the notice ({@code io.yagura.notify.DigestNotices}): action "digest", subject the notice
 * id, detail {@code date=2026-11-27 incidents=INC-1,INC-2 to=address}. The store has no
 * other place for it, and the record lets a digest left pending by an earlier run be sent
 * exactly as it was made.
 *
 * @param date        the day the digest covers
 * @param incidentIds its incidents, oldest first
 */
record DigestContents(LocalDate date, List<String> incidentIds) {

    static final String AUDIT_ACTION = "digest";

    private static final Pattern DATE = Pattern.compile("(?:^|\\s)date=(\\S+)");
    private static final Pattern INCIDENTS = Pattern.compile("(?:^|\\s)incidents=(\\S*)");

    DigestContents {
        incidentIds = List.copyOf(incidentIds);
    }

    /** The newest record of the notice; empty when there is none or it cannot be read. */
    static Optional<DigestContents> of(String noticeId, IncidentStore store) {
        return store.auditLog(noticeId, 20).stream()
                .filter(e -> AUDIT_ACTION.equals(e.action()) && e.detail() != null)
                .findFirst()
                .map(AuditEntry::detail)
                .flatMap(DigestContents::parse);
    }

    static Optional<DigestContents> parse(String detail) {
        Matcher date = DATE.matcher(detail);
        Matcher ids = INCIDENTS.matcher(detail);
        if (!date.find() || !ids.find()) {
            return Optional.empty();
        }
        try {
            List<String> list = Arrays.stream(ids.group(1).split(",")).filter(s -> !s.isBlank()).toList();
            return Optional.of(new DigestContents(LocalDate.parse(date.group(1)), list));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
