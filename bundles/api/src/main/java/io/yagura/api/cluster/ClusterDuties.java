package io.yagura.api.cluster;

import java.time.Instant;
import java.util.List;

/**
 * Cluster duties: periodic work that must run on one live node at a time. Each duty is a lease
 * in the shared database, held by one node until a moment set on the database's clock (so the
 * nodes' clocks do not matter). The holder renews its leases every third of their time to live;
 * a node that dies stops renewing, and another node takes the duty once the lease has run out,
 * so a duty is idle for at most one time to live after its node dies. A node that stops releases
 * its leases, and another node takes them at its next renewal.
 *
 * <p>A job asks {@link #holds} at the start of each run and skips the run when it is false. A
 * job that finds it no longer holds the duty in the middle of a run (a long run, a lost database)
 * finishes the item at hand and starts no new one: the new holder does the rest. Work that must
 * happen once when a node takes a duty over (handing on what a dead node left pending) compares
 * {@link #term} with the term it last acted on ({@link DutyGains}).
 *
 * <p>Duties are named by the constants below; a node starts competing for a duty the first time
 * one of its jobs asks for it. On one node alone every duty is held by that node.
 */
public interface ClusterDuties {

    /** Automatic Critical sending and deadline breaches (job yagura-notify-deadlines). */
    String NOTIFY_DEADLINES = "notify-deadlines";
    /** Daily digests (job yagura-notify-digest). */
    String NOTIFY_DIGEST = "notify-digest";
    /** Mail notices a stopped node left pending, handed to the mail channel again. */
    String NOTIFY_MAIL_SWEEP = "notify-mail-sweep";
    /** Phone escalations a stopped node left pending, started again. */
    String NOTIFY_PHONE_SWEEP = "notify-phone-sweep";
    /** Device probes and log silence (job yagura-health-check). */
    String HEALTH_CHECK = "health-check";
    /** Block removal at expiry, lapsed requests (job yagura-response-expiry). */
    String RESPONSE_EXPIRY = "response-expiry";
    /** Monthly reports and their mails (job yagura-monthly-reports). */
    String MONTHLY_REPORTS = "monthly-reports";
    /** Every pulled device (jobs yagura-pull-&lt;device&gt;): one node pulls them all. */
    String PULL = "pull";

    /** One lease as the database has it, for the console. */
    record Lease(String duty, String holder, Instant until) {
    }

    /** This node's id (configuration pid io.yagura.cluster, node.id). */
    String nodeId();

    /**
     * Whether this node holds the duty now. False when another node holds it, when this node's
     * last renewal is older than the time to live, and when the database could not be asked
     * (never two holders). The first question about a duty makes this node compete for it.
     */
    boolean holds(String duty);

    /**
     * This node's current hold of the duty: 0 while it does not hold it, a new number each time
     * it gains it (after start, after a takeover, after having lost it). Equal numbers mean one
     * uninterrupted hold.
     */
    long term(String duty);

    /** Every duty's lease as the database has it, ordered by duty. */
    List<Lease> leases();
}
