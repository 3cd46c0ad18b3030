package io.yagura.report;

import io.yagura.api.incident.IncidentStatus;
import io.yagura.api.incident.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The figures of one customer's month, as the report prints them; computed from the stores by
 * {@link FactsCollector}, so the tests compare the PDF's text with the same store.
 *
 * @param from      first instant of the month in {@code zone}
 * @param to        first instant of the next month (or now, for a month not finished yet)
 * @param byLevel   every level, most severe first, zero included
 * @param byCategory categories, most incidents first
 * @param inbound   incidents whose attackers are all outside the customer's networks
 * @param internal  incidents with an attacker inside the customer's networks (outbound or internal)
 * @param noAttacker incidents without an attacker address (e.g. a device fault)
 */
public record MonthFacts(String customerId, String customerName, YearMonth month, ZoneId zone, Instant from, Instant to,
                         int incidents, Map<Level, Integer> byLevel, Map<String, Integer> byCategory,
                         Map<IncidentStatus, Integer> byStatus, int inbound, int internal, int noAttacker,
                         List<Count> topAttackers, List<Count> topTargets, List<Count> topRules, int[] perDay,
                         Sla sla, Blocks blocks, List<Availability> availability) {

    /** A name and how many incidents (or blocks) it appears in. */
    public record Count(String name, int count) {
    }

    /**
     * Notices with a deadline (the SLA): met, breached (delivered late, or still undelivered past
     * it), with the time from detection to delivery.
     */
    public record Sla(int notices, int met, int breached, int pending, Duration median, Duration longest,
                      List<Breach> breaches) {
        public Sla {
            breaches = List.copyOf(breaches);
        }
    }

    /** One notice not delivered by its deadline; {@code deliveredAt} null when it never was. */
    public record Breach(String incidentId, Level level, String channel, Instant deadline, Instant deliveredAt) {
    }

    /**
     * @param placed      blocks the devices confirmed in the month
     * @param quarantines of those, isolations of an internal host
     * @param notPlaced   blocks asked for in the month that were refused or failed
     */
    public record Blocks(int placed, int quarantines, int notPlaced, List<Count> topAddresses) {
    }

    /** A device's share of the month not in FAULT. */
    public record Availability(String deviceId, String product, double percent, Duration down, int faults) {
    }
}
