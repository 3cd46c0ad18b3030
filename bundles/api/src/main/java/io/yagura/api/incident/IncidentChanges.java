package io.yagura.api.incident;

/**
 * Announces incident changes on the broker ({@link io.yagura.api.Queues#INCIDENTS}) so that
 * notification, portal and reports react; the store stays the source of truth (listeners
 * read the incident by id).
 */
public interface IncidentChanges {

    /** What happened to the incident. */
    enum Change { OPENED, UPDATED, LEVEL_RAISED, CONFIRMED, ANNOTATED, CLOSED, FALSE_POSITIVE, DEADLINE_BREACHED }

    void announce(Incident incident, Change change);

    /** JMS property names of an announcement. */
    String INCIDENT_PROPERTY = "yaguraIncident";
    String CHANGE_PROPERTY = "yaguraChange";
    String LEVEL_PROPERTY = "yaguraLevel";
    String CUSTOMER_PROPERTY = "yaguraCustomer";
    /** Attacker addresses, comma-separated (lets a listener filter without reading the store). */
    String ATTACKERS_PROPERTY = "yaguraAttackers";
}
