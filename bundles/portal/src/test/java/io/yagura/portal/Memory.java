package io.yagura.portal;

import io.yagura.api.advisory.Advisory;
import io.yagura.api.advisory.AdvisoryStore;
import io.yagura.api.notify.Acknowledgements;
import io.yagura.api.notify.Mailer;
import io.yagura.api.report.MonthlyReport;
import io.yagura.api.report.ReportService;
import io.yagura.api.report.ReportStore;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Small in-memory implementations of the services other people are writing in parallel
 * (acknowledgements and the mailer: the lead; reports and advisories: the reports helper).
 * They keep the contract of the API's javadoc and nothing more.
 */
final class Memory {

    private Memory() {
    }

    static final class Acks implements Acknowledgements {
        final Map<String, Acknowledgement> first = new ConcurrentHashMap<>();

        @Override
        public Acknowledgement acknowledge(String incidentId, String customerId, String by, String channel,
                                           String detail) {
            return first.computeIfAbsent(incidentId,
                    id -> new Acknowledgement(id, customerId, by, channel, detail, Instant.now()));
        }

        @Override
        public Optional<Acknowledgement> find(String incidentId) {
            return Optional.ofNullable(first.get(incidentId));
        }
    }

    static final class Mails implements Mailer {
        final List<OutgoingMail> sent = new CopyOnWriteArrayList<>();

        @Override
        public String send(OutgoingMail mail) {
            sent.add(mail);
            return "250 2.0.0 Ok: queued";
        }

        /** The set-password link in the last mail to {@code to}. */
        String linkTo(String to) {
            for (int i = sent.size() - 1; i >= 0; i--) {
                if (sent.get(i).to().contains(to)) {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("https://\\S+").matcher(sent.get(i).text());
                    if (m.find()) {
                        return m.group();
                    }
                }
            }
            throw new AssertionError("no link mailed to " + to + " in " + sent);
        }
    }

    /** Stored reports, and a maker that stores a small PDF for each report asked for (the real one: bundles/report). */
    static final class Reports implements ReportStore, ReportService {
        final Map<String, MonthlyReport> reports = new ConcurrentHashMap<>();
        final Map<String, byte[]> contents = new ConcurrentHashMap<>();
        final List<String> made = new CopyOnWriteArrayList<>();

        @Override
        public MonthlyReport make(String customerId, YearMonth month, String by) {
            byte[] pdf = ("%PDF " + customerId + " " + month).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            MonthlyReport r = new MonthlyReport("R-" + customerId + "-" + month, customerId, month, "en", Instant.now(),
                    by, pdf.length);
            put(r, pdf);
            made.add(customerId + " " + month + " by " + by);
            return r;
        }

        void put(MonthlyReport r, byte[] pdf) {
            reports.put(r.id(), r);
            contents.put(r.id(), pdf);
        }

        @Override
        public List<MonthlyReport> list(String customerId) {
            return reports.values().stream().filter(r -> r.customerId().equals(customerId))
                    .sorted(Comparator.comparing(MonthlyReport::month).reversed()).toList();
        }

        @Override
        public Optional<MonthlyReport> find(String reportId) {
            return Optional.ofNullable(reports.get(reportId));
        }

        @Override
        public Optional<byte[]> content(String reportId) {
            return Optional.ofNullable(contents.get(reportId));
        }
    }

    static final class Advisories implements AdvisoryStore {
        final Map<String, Advisory> advisories = new ConcurrentHashMap<>();
        final Map<String, List<String>> sentTo = new ConcurrentHashMap<>();

        void put(Advisory a, List<String> customers) {
            advisories.put(a.id(), a);
            sentTo.put(a.id(), customers);
        }

        @Override
        public List<Advisory> sentTo(String customerId) {
            return advisories.values().stream().filter(a -> wasSentTo(a.id(), customerId)).toList();
        }

        @Override
        public Optional<Advisory> find(String advisoryId) {
            return Optional.ofNullable(advisories.get(advisoryId));
        }

        @Override
        public boolean wasSentTo(String advisoryId, String customerId) {
            return sentTo.getOrDefault(advisoryId, List.of()).contains(customerId);
        }
    }
}
