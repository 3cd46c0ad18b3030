package io.yagura.triage;

import io.yagura.api.Queues;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentChanges;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Announces incident changes on the multicast address yagura.incidents: a persistent
 * message whose body is the incident id, with the change, level and customer as properties
 * (consumers filter on them and read the incident from the store).
 */
@Component(service = IncidentChanges.class)
public class BrokerIncidentChanges implements IncidentChanges {

    private final ProducerTemplate producer;

    @Activate
    public BrokerIncidentChanges(@Reference CamelContext camel) {
        this.producer = camel.createProducerTemplate();
    }

    @Deactivate
    void deactivate() throws Exception {
        producer.close();
    }

    @Override
    public void announce(Incident incident, Change change) {
        producer.sendBodyAndHeaders("amqp:topic:" + Queues.INCIDENTS + "?deliveryPersistent=true", incident.id(), Map.of(
                INCIDENT_PROPERTY, incident.id(),
                CHANGE_PROPERTY, change.name(),
                LEVEL_PROPERTY, incident.level().name(),
                CUSTOMER_PROPERTY, incident.customerId(),
                ATTACKERS_PROPERTY, String.join(",", incident.attackers()),
                "JMSXGroupID", incident.customerId()));
    }
}
