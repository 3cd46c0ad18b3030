package io.yagura.report;

import io.yagura.api.health.HealthState;
import io.yagura.api.health.HealthStore;
import io.yagura.api.health.HealthTransition;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentStatus;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.Notification;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.DeviceRegistry;
import io.yagura.api.response.Block;
import io.yagura.api.response.BlockState;
import io.yagura.api.response.BlockStore;
import io.yagura.format.net.Network;
import io.yagura.report.MonthFacts.Availability;
import io.yagura.report.MonthFacts.Blocks;
import io.yagura.report.MonthFacts.Breach;
import io.yagura.report.MonthFacts.Count;
import io.yagura.report.MonthFacts.Sla;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Computes a customer's {@link MonthFacts} from the incident, block and health stores and the registry. */
public final class FactsCollector {

    /** Blocks and health transitions read per customer or device; far above a month's worth. */
    private static final int MAX_ROWS = 100_000;

    private final IncidentStore incidents;
    private final BlockStore blocks;
    private final HealthStore health;
    private final DeviceRegistry registry;
    private final Clock clock;

    /** @param blocks null where the response feature is not installed; health likewise */
    public FactsCollector(IncidentStore incidents, BlockStore blocks, HealthStore health, DeviceRegistry registry,
                          Clock clock) {
        this.incidents = incidents;
        this.blocks = blocks;
        this.health = health;
        this.registry = registry;
        this.clock = clock;
    }

    public MonthFacts collect(Customer customer, YearMonth month, ZoneId zone, int top) {
        Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant monthEnd = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        Instant now = clock.instant();
        Instant to = now.isBefore(monthEnd) ? now : monthEnd;
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("month " + month + " has not begun yet");
        }
        List<Incident> list = incidents.detectedBetween(customer.id(), from, monthEnd);
        List<Network> networks = customer.networks().stream().map(Network::parse).flatMap(Optional::stream).toList();

        Map<Level, Integer> byLevel = new EnumMap<>(Level.class);
        for (Level l : Level.values()) {
            byLevel.put(l, 0);
        }
        Map<IncidentStatus, Integer> byStatus = new EnumMap<>(IncidentStatus.class);
        Map<String, Integer> byCategory = new HashMap<>();
        Map<String, Integer> attackers = new HashMap<>();
        Map<String, Integer> targets = new HashMap<>();
        Map<String, Integer> rules = new HashMap<>();
        int[] perDay = new int[month.lengthOfMonth()];
        int inbound = 0;
        int internal = 0;
        int noAttacker = 0;
        List<Notification> notices = new ArrayList<>();
        for (Incident i : list) {
            byLevel.merge(i.level(), 1, Integer::sum);
            byStatus.merge(i.status(), 1, Integer::sum);
            byCategory.merge(i.category() == null ? "-" : i.category(), 1, Integer::sum);
            // each address counts once per incident: "in how many incidents did it appear"
            i.attackers().stream().distinct().forEach(a -> attackers.merge(a, 1, Integer::sum));
            i.targets().stream().distinct().forEach(t -> targets.merge(t, 1, Integer::sum));
            i.rules().stream().distinct().forEach(r -> rules.merge(r, 1, Integer::sum));
            perDay[i.detectedAt().atZone(zone).getDayOfMonth() - 1]++;
            if (i.attackers().isEmpty()) {
                noAttacker++;
            } else if (i.attackers().stream().anyMatch(a -> networks.stream().anyMatch(n -> n.contains(a)))) {
                internal++;
            } else {
                inbound++;
            }
            incidents.notifications(i.id()).stream()
                    .filter(n -> n.deadline() != null && i.id().equals(n.incidentId())
                            && customer.id().equals(n.customerId()))
                    .forEach(notices::add);
        }
        return new MonthFacts(customer.id(), customer.name(), month, zone, from, to, list.size(), byLevel,
                sorted(byCategory, Integer.MAX_VALUE), byStatus, inbound, internal, noAttacker,
                counts(attackers, top), counts(targets, top), counts(rules, top), perDay,
                sla(list, notices, now), blocks(customer.id(), from, to, top), availability(customer.id(), from, to));
    }

    private static Sla sla(List<Incident> list, List<Notification> notices, Instant now) {
        Map<String, Incident> byId = new HashMap<>();
        list.forEach(i -> byId.put(i.id(), i));
        List<Duration> times = new ArrayList<>();
        List<Breach> breaches = new ArrayList<>();
        int met = 0;
        int pending = 0;
        for (Notification n : notices) {
            Incident i = byId.get(n.incidentId());
            if (n.deliveredAt() != null) {
                times.add(Duration.between(i.detectedAt(), n.deliveredAt()));
            }
            boolean late = n.deliveredAt() != null ? n.deliveredAt().isAfter(n.deadline()) : n.deadline().isBefore(now);
            if (Boolean.FALSE.equals(n.deadlineMet()) || late) {
                breaches.add(new Breach(n.incidentId(), n.level() != null ? n.level() : i.level(), n.channel(),
                        n.deadline(), n.deliveredAt()));
            } else if (n.deliveredAt() != null) {
                met++;
            } else {
                pending++;
            }
        }
        times.sort(Comparator.naturalOrder());
        Duration median = times.isEmpty() ? null : times.get((times.size() - 1) / 2);
        Duration longest = times.isEmpty() ? null : times.get(times.size() - 1);
        breaches.sort(Comparator.comparing(Breach::deadline));
        return new Sla(notices.size(), met, breaches.size(), pending, median, longest, breaches);
    }

    private Blocks blocks(String customerId, Instant from, Instant to, int top) {
        if (blocks == null) {
            return new Blocks(0, 0, 0, List.of());
        }
        int placed = 0;
        int quarantines = 0;
        int notPlaced = 0;
        Map<String, Integer> addresses = new HashMap<>();
        for (Block b : blocks.list(new BlockStore.Filter(customerId, null, null, null, MAX_ROWS))) {
            if (within(b.placedAt(), from, to)) {
                placed++;
                quarantines += b.quarantine() ? 1 : 0;
                addresses.merge(b.address(), 1, Integer::sum);
            } else if (within(b.requestedAt(), from, to)
                    && (b.state() == BlockState.REFUSED || b.state() == BlockState.FAILED) && b.placedAt() == null) {
                notPlaced++;
            }
        }
        return new Blocks(placed, quarantines, notPlaced, counts(addresses, top));
    }

    private List<Availability> availability(String customerId, Instant from, Instant to) {
        if (health == null) {
            return List.of(); // not watched: "none" rather than a 100 % nobody measured
        }
        Collection<Device> devices = registry.devices();
        List<Availability> out = new ArrayList<>();
        devices.stream().filter(d -> customerId.equals(d.customer())).sorted(Comparator.comparing(Device::id))
                .forEach(d -> out.add(deviceAvailability(d, from, to)));
        return out;
    }

    private Availability deviceAvailability(Device d, Instant from, Instant to) {
        List<HealthTransition> history = new ArrayList<>(health.history(d.id(), MAX_ROWS));
        history.sort(Comparator.comparing(HealthTransition::at));
        boolean down = false;
        Instant downSince = from;
        Duration downTotal = Duration.ZERO;
        int faults = 0;
        for (HealthTransition t : history) {
            if (!t.at().isAfter(from)) {
                down = t.to() == HealthState.FAULT; // the state the month began in
                continue;
            }
            if (!t.at().isBefore(to)) {
                break;
            }
            boolean nowDown = t.to() == HealthState.FAULT;
            if (nowDown && !down) {
                faults++;
                downSince = t.at();
            } else if (!nowDown && down) {
                downTotal = downTotal.plus(Duration.between(downSince, t.at()));
            }
            down = nowDown;
        }
        if (down) {
            downTotal = downTotal.plus(Duration.between(downSince.isBefore(from) ? from : downSince, to));
        }
        double length = Duration.between(from, to).toMillis();
        double percent = 100.0 * (length - downTotal.toMillis()) / length;
        return new Availability(d.id(), d.vendor() + (d.product() == null ? "" : " " + d.product()), percent,
                downTotal, faults);
    }

    private static boolean within(Instant t, Instant from, Instant to) {
        return t != null && !t.isBefore(from) && t.isBefore(to);
    }

    /** Most first, then by name (so equal counts print in a stable order). */
    private static Map<String, Integer> sorted(Map<String, Integer> m, int limit) {
        Map<String, Integer> out = new LinkedHashMap<>();
        counts(m, limit).forEach(c -> out.put(c.name(), c.count()));
        return out;
    }

    private static List<Count> counts(Map<String, Integer> m, int limit) {
        return m.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit).map(e -> new Count(e.getKey(), e.getValue())).toList();
    }
}
