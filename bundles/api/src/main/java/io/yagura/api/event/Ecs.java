package io.yagura.api.event;

/**
 * Field names of the normalized event, taken from the Elastic Common Schema where one
 * exists (so exports map one to one), plus Yagura's own {@code customer.*},
 * {@code device.*} and {@code yagura.*} fields. See docs/architecture.md, "Event model".
 */
public final class Ecs {
    public static final String TIMESTAMP = "@timestamp";
    public static final String MESSAGE = "message";

    public static final String EVENT_KIND = "event.kind";
    public static final String EVENT_CATEGORY = "event.category";
    public static final String EVENT_TYPE = "event.type";
    public static final String EVENT_ACTION = "event.action";
    public static final String EVENT_OUTCOME = "event.outcome";
    public static final String EVENT_SEVERITY = "event.severity";
    public static final String EVENT_CODE = "event.code";
    public static final String EVENT_REASON = "event.reason";
    public static final String EVENT_INGESTED = "event.ingested";
    public static final String EVENT_ORIGINAL = "event.original";
    public static final String EVENT_DURATION = "event.duration";

    public static final String LOG_LEVEL = "log.level";
    public static final String LOG_SYSLOG_PRIORITY = "log.syslog.priority";
    public static final String LOG_SYSLOG_HOSTNAME = "log.syslog.hostname";

    public static final String RULE_ID = "rule.id";
    public static final String RULE_NAME = "rule.name";
    public static final String RULE_CATEGORY = "rule.category";
    public static final String RULE_RULESET = "rule.ruleset";
    public static final String VULNERABILITY_ID = "vulnerability.id";

    public static final String SOURCE_IP = "source.ip";
    public static final String SOURCE_PORT = "source.port";
    public static final String SOURCE_NAT_IP = "source.nat.ip";
    public static final String SOURCE_NAT_PORT = "source.nat.port";
    public static final String SOURCE_BYTES = "source.bytes";
    public static final String SOURCE_DOMAIN = "source.domain";
    public static final String DESTINATION_IP = "destination.ip";
    public static final String DESTINATION_PORT = "destination.port";
    public static final String DESTINATION_NAT_IP = "destination.nat.ip";
    public static final String DESTINATION_NAT_PORT = "destination.nat.port";
    public static final String DESTINATION_DOMAIN = "destination.domain";
    public static final String NETWORK_TRANSPORT = "network.transport";
    public static final String NETWORK_DIRECTION = "network.direction";
    public static final String NETWORK_BYTES = "network.bytes";
    public static final String NETWORK_PROTOCOL = "network.protocol";

    public static final String URL_ORIGINAL = "url.original";
    public static final String URL_DOMAIN = "url.domain";
    public static final String HTTP_REQUEST_METHOD = "http.request.method";
    public static final String HTTP_RESPONSE_STATUS_CODE = "http.response.status_code";
    public static final String USER_NAME = "user.name";
    public static final String GROUP_NAME = "group.name";

    public static final String OBSERVER_VENDOR = "observer.vendor";
    public static final String OBSERVER_PRODUCT = "observer.product";
    public static final String OBSERVER_TYPE = "observer.type";
    public static final String OBSERVER_HOSTNAME = "observer.hostname";
    public static final String OBSERVER_INGRESS_INTERFACE = "observer.ingress.interface.name";
    public static final String OBSERVER_EGRESS_INTERFACE = "observer.egress.interface.name";

    public static final String CUSTOMER_ID = "customer.id";
    public static final String DEVICE_ID = "device.id";
    /** Vendor severity as the vendor writes it (e.g. "critical", "4"). */
    public static final String YAGURA_VENDOR_SEVERITY = "yagura.vendor_severity";
    /** Id of the plugin that produced the event, e.g. "cisco-asa". */
    public static final String YAGURA_PLUGIN = "yagura.plugin";
    /** Version of this schema the event follows. */
    public static final String YAGURA_SCHEMA = "yagura.schema";
    /** Address the line came from (the sender, which may be a relay). */
    public static final String YAGURA_RECEIVED_FROM = "yagura.received_from";
    /** Listener that received the line, e.g. "tcp:6514". */
    public static final String YAGURA_LISTENER = "yagura.listener";

    // Values of event.kind / event.action / event.outcome used across plugins.
    public static final String KIND_EVENT = "event";
    public static final String KIND_ALERT = "alert";

    public static final String ACTION_ALLOWED = "allowed";
    public static final String ACTION_DENIED = "denied";
    public static final String ACTION_DROPPED = "dropped";
    public static final String ACTION_RESET = "reset";
    public static final String ACTION_ALERT = "alert";
    public static final String ACTION_CONNECTION_STARTED = "connection-started";
    public static final String ACTION_CONNECTION_ENDED = "connection-ended";
    public static final String ACTION_LOGON = "logon";
    public static final String ACTION_LOGON_FAILED = "logon-failed";

    public static final String OUTCOME_SUCCESS = "success";
    public static final String OUTCOME_FAILURE = "failure";
    public static final String OUTCOME_UNKNOWN = "unknown";

    public static final String CATEGORY_NETWORK = "network";
    public static final String CATEGORY_IDS = "intrusion_detection";
    public static final String CATEGORY_MALWARE = "malware";
    public static final String CATEGORY_WEB = "web";
    public static final String CATEGORY_AUTHENTICATION = "authentication";
    public static final String CATEGORY_HOST = "host";
    public static final String CATEGORY_THREAT = "threat";

    private Ecs() {
    }
}
