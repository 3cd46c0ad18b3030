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
    public static final String URL_PATH = "url.path";
    public static final String URL_QUERY = "url.query";
    public static final String HTTP_REQUEST_REFERRER = "http.request.referrer";
    public static final String HTTP_RESPONSE_BODY_BYTES = "http.response.body.bytes";
    /** The whole response, headers and body (ECS), where a device gives no body size. */
    public static final String HTTP_RESPONSE_BYTES = "http.response.bytes";
    public static final String HTTP_REQUEST_BYTES = "http.request.bytes";
    public static final String HTTP_VERSION = "http.version";
    public static final String USER_AGENT_ORIGINAL = "user_agent.original";
    public static final String DNS_QUESTION_NAME = "dns.question.name";
    public static final String TLS_SERVER_NAME = "tls.client.server_name";
    public static final String FILE_NAME = "file.name";
    public static final String FILE_HASH_SHA256 = "file.hash.sha256";
    public static final String FILE_SIZE = "file.size";
    /**
     * Which way a file went within its session, where the device says so: {@value #FILE_DOWNLOAD}
     * (from the responder to the initiator: destination → source, a client fetching a file) or
     * {@value #FILE_UPLOAD} (source → destination). Not ECS: ECS has no field for it.
     */
    public static final String FILE_DIRECTION = "yagura.file.direction";
    public static final String FILE_DOWNLOAD = "download";
    public static final String FILE_UPLOAD = "upload";
    public static final String NETWORK_APPLICATION = "network.application";
    public static final String DESTINATION_BYTES = "destination.bytes";
    public static final String SOURCE_PACKETS = "source.packets";
    public static final String DESTINATION_PACKETS = "destination.packets";
    public static final String THREAT_INDICATOR = "threat.indicator.description";
    public static final String RULE_REFERENCE = "rule.reference";
    public static final String OBSERVER_VERSION = "observer.version";
    public static final String OBSERVER_NAME = "observer.name";
    /** Firewall policy or ACL that decided (never the signature: that is rule.*). */
    public static final String YAGURA_POLICY = "yagura.policy";
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
    /** Detected and let through (an IDS alert, an IPS in monitor mode). */
    public static final String ACTION_ALERT = "alert";
    /** Stopped by a security function other than a firewall rule (IPS, AV, URL filter, WAF). */
    public static final String ACTION_BLOCKED = "blocked";
    /** The shared verdict vocabulary of event.action; every plugin maps what the device did to one of these. */
    public static final java.util.Set<String> VERDICTS = java.util.Set.of(ACTION_ALLOWED, ACTION_DENIED,
            ACTION_DROPPED, ACTION_RESET, ACTION_BLOCKED, ACTION_ALERT);
    /** @deprecated write {@link #ACTION_ALLOWED} with event.type connection+start */
    @Deprecated
    public static final String ACTION_CONNECTION_STARTED = "connection-started";
    /** @deprecated write {@link #ACTION_ALLOWED} with event.type connection+end */
    @Deprecated
    public static final String ACTION_CONNECTION_ENDED = "connection-ended";
    /** @deprecated write {@link #ACTION_ALLOWED}, category authentication, outcome success */
    @Deprecated
    public static final String ACTION_LOGON = "logon";
    /** @deprecated write {@link #ACTION_DENIED}, category authentication, outcome failure */
    @Deprecated
    public static final String ACTION_LOGON_FAILED = "logon-failed";

    // Values of event.type (ECS), a list beside event.category.
    public static final String TYPE_CONNECTION = "connection";
    public static final String TYPE_START = "start";
    public static final String TYPE_END = "end";
    public static final String TYPE_ALLOWED = "allowed";
    public static final String TYPE_DENIED = "denied";
    public static final String TYPE_INFO = "info";
    public static final String TYPE_PROTOCOL = "protocol";
    public static final String TYPE_ACCESS = "access";

    // Values of network.direction (ECS).
    public static final String DIRECTION_INBOUND = "inbound";
    public static final String DIRECTION_OUTBOUND = "outbound";
    public static final String DIRECTION_INTERNAL = "internal";
    public static final String DIRECTION_EXTERNAL = "external";

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
    public static final String CATEGORY_FILE = "file";
    public static final String CATEGORY_CONFIGURATION = "configuration";
    public static final String CATEGORY_SESSION = "session";

    private Ecs() {
    }
}
