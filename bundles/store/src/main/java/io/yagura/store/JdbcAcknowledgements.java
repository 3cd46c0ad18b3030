package io.yagura.store;

import static io.yagura.store.Statements.setTime;
import static io.yagura.store.Statements.time;

import io.yagura.api.incident.AuditEntry;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.notify.Acknowledgements;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Acknowledgements in the table incident_acknowledgement, one row per incident: the first
 * acknowledgement wins (the primary key decides between two channels, or two nodes, that
 * acknowledge at the same moment); every acknowledgement, first or not, goes to the incident's
 * audit log so the analyst sees who acknowledged where.
 */
@Component(service = Acknowledgements.class, immediate = true)
public class JdbcAcknowledgements implements Acknowledgements {

    private final DataSource dataSource;
    private final IncidentStore incidents;
    private final Clock clock;

    @Activate
    public JdbcAcknowledgements(@Reference(target = "(dataSourceName=yagura)") DataSource dataSource,
                                @Reference IncidentStore incidents) throws Exception {
        this(dataSource, incidents, Clock.systemUTC());
    }

    JdbcAcknowledgements(DataSource dataSource, IncidentStore incidents, Clock clock) throws Exception {
        this.dataSource = dataSource;
        this.incidents = incidents;
        this.clock = clock;
        Schema.migrate(dataSource);
    }

    @Override
    public Acknowledgement acknowledge(String incidentId, String customerId, String by, String channel,
                                       String detail) {
        Instant now = clock.instant();
        Optional<Acknowledgement> first = find(incidentId);
        if (first.isEmpty()) {
            try {
                Statements.update(dataSource, "INSERT INTO incident_acknowledgement (incident_id, customer_id, "
                        + "acknowledged_by, channel, detail, acknowledged_at) VALUES (?,?,?,?,?,?)", ps -> {
                            ps.setString(1, incidentId);
                            ps.setString(2, customerId);
                            ps.setString(3, by);
                            ps.setString(4, channel);
                            ps.setString(5, detail);
                            setTime(ps, 6, now);
                        });
            } catch (JdbcIncidentStore.StoreException raced) {
                // another channel or node acknowledged in between: theirs is the first
                if (find(incidentId).isEmpty()) {
                    throw raced;
                }
            }
        }
        incidents.audit(new AuditEntry(now, by, "customer-acknowledged", incidentId,
                "on " + channel + (detail == null || detail.isBlank() ? "" : ": " + detail)));
        return find(incidentId).orElseThrow();
    }

    @Override
    public Optional<Acknowledgement> find(String incidentId) {
        return Statements.query(dataSource, "SELECT incident_id, customer_id, acknowledged_by, channel, detail, "
                + "acknowledged_at FROM incident_acknowledgement WHERE incident_id=?", ps -> ps.setString(1, incidentId),
                JdbcAcknowledgements::row).stream().findFirst();
    }

    private static Acknowledgement row(ResultSet rs) throws SQLException {
        return new Acknowledgement(rs.getString("incident_id"), rs.getString("customer_id"),
                rs.getString("acknowledged_by"), rs.getString("channel"), rs.getString("detail"),
                time(rs, "acknowledged_at"));
    }
}
