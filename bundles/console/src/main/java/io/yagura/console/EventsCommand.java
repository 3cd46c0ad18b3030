package io.yagura.console;

import io.yagura.api.archive.ArchiveQuery;
import io.yagura.api.archive.ArchiveSearch;
import io.yagura.api.archive.EventArchive;
import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.wire.Wire;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "yagura", name = "events", description = "Searches the event archive: one customer's events (or all "
        + "customers', said explicitly) by address, rule and time received, oldest first.",
        detailedDescription = "Times: 2026-11-27T10:00:00Z, 2026-11-27T10:00 (UTC), 2026-11-27, or how long ago: 90m, 6h, 7d.\n"
        + "Without --from the last 24 hours are searched.\n"
        + "Examples:\n  yagura:events --customer acme --ip 203.0.113.5\n"
        + "  yagura:events --customer acme --ip 203.0.113.0/24 --from 7d\n"
        + "  yagura:events --customer acme --rule 4051 --from 2026-11-27T10:00 --to 2026-11-27T12:00\n"
        + "  yagura:events --all-customers --ip 198.51.100.7 -n 200\n"
        + "  yagura:events --customer acme --ip 203.0.113.5 --json -n 1000 > /tmp/203.0.113.5.jsonl")
@Service
public class EventsCommand implements Action {

    @Option(name = "--customer", description = "This customer's events (or --all-customers)")
    @Completion(Completers.CustomerIds.class)
    String customer;

    @Option(name = "--all-customers", description = "Every customer's events and unregistered sources' (SOC staff)")
    boolean allCustomers;

    @Option(name = "--ip", description = "Address or CIDR network, as source or destination, before or after NAT")
    String address;

    @Option(name = "--rule", description = "Signature or policy: rule.id exactly, or part of rule.name (any case)")
    String rule;

    @Option(name = "--from", description = "Received at or after (default: 24h ago)")
    String from;

    @Option(name = "--to", description = "Received before (default: now)")
    String to;

    @Option(name = "-n", aliases = "--limit", description = "At most this many events (default 50)")
    int limit = 50;

    @Option(name = "--json", description = "Print each event whole, as one JSON line")
    boolean json;

    @Reference
    EventArchive archive;

    @Override
    public Object execute() throws CommandException {
        try {
            search();
        } catch (IllegalArgumentException e) {
            throw new CommandException("Not searched: " + e.getMessage(), e);
        }
        return null;
    }

    private void search() throws CommandException {
        if ((customer == null) == !allCustomers) {
            throw new IllegalArgumentException("name one customer (--customer ID) or search --all-customers explicitly");
        }
        Instant now = Instant.now();
        ArchiveQuery query = (allCustomers ? ArchiveQuery.allCustomers() : ArchiveQuery.customer(customer))
                .address(address).rule(rule)
                .between(from == null ? now.minus(Duration.ofDays(1)) : time("--from", from, now),
                        to == null ? null : time("--to", to, now));
        ArchiveSearch found = archive.search(query, limit);
        if (json) {
            found.events().forEach(e -> System.out.println(Wire.toJson(e)));
        } else {
            print(found);
        }
        if (!found.damagedFiles().isEmpty()) {
            // after the events found: the search is incomplete, which a script must not take for a full answer
            throw new CommandException(found.damagedFiles().stream()
                    .map(file -> "Damaged archive file, read up to the damage (see the log): " + file)
                    .collect(Collectors.joining("\n")));
        }
    }

    private static void print(ArchiveSearch found) {
        ShellTable table = new ShellTable();
        Stream.of("Received", "Customer", "Device", "Action", "Source", "Destination", "Proto", "Rule/Policy", "Message")
                .forEach(table::column);
        for (SecurityEvent e : found.events()) {
            table.addRow().addContent(text(e, Ecs.EVENT_INGESTED), text(e, Ecs.CUSTOMER_ID), text(e, Ecs.DEVICE_ID),
                    text(e, Ecs.EVENT_ACTION), address(e, Ecs.SOURCE_IP, Ecs.SOURCE_PORT),
                    address(e, Ecs.DESTINATION_IP, Ecs.DESTINATION_PORT), text(e, Ecs.NETWORK_TRANSPORT),
                    firstOf(e, Ecs.RULE_NAME, Ecs.RULE_ID, Ecs.YAGURA_POLICY),
                    abbreviate(firstOf(e, Ecs.MESSAGE, Ecs.EVENT_ORIGINAL)));
        }
        table.print(System.out);
        System.out.println(found.events().size() + " event(s), " + found.filesRead() + " archive file(s) read"
                + (found.more() ? "; more match: narrow --from/--to or raise -n" : ""));
    }

    /** An absolute time (UTC when no zone is given) or how long before now. */
    static Instant time(String option, String text, Instant now) {
        String t = text.trim();
        try {
            if (t.matches("\\d+[mhd]")) {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                return now.minus(switch (t.charAt(t.length() - 1)) {
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                });
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(t).toInstant();
            }
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " '" + text + "' is not a time (2026-11-27T10:00:00Z, "
                    + "2026-11-27T10:00 in UTC, 2026-11-27, or how long ago: 90m, 6h, 7d)");
        }
    }

    private static String text(SecurityEvent e, String field) {
        return Objects.toString(e.getString(field), "");
    }

    private static String firstOf(SecurityEvent e, String... fields) {
        return Stream.of(fields).map(e::getString).filter(Objects::nonNull).findFirst().orElse("");
    }

    private static String address(SecurityEvent e, String ipField, String portField) {
        String ip = text(e, ipField);
        String port = e.getString(portField);
        return ip.isEmpty() || port == null ? ip : (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + port;
    }

    private static String abbreviate(String s) {
        String oneLine = s.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 59) + "…";
    }
}
