package io.yagura.plugin.paloalto;

/**
 * The PAN-OS log fields Yagura reads, by their documented names (PAN-OS Administrator's Guide,
 * "Syslog Field Descriptions"). Each wire format (CSV by position, CEF and LEEF by key) fills a
 * {@link PanRecord} with these, so the mapping to events is written once.
 */
enum PanField {
    RECEIVE_TIME, SERIAL, TYPE, SUBTYPE, GENERATED_TIME, HIGH_RES_TIME,
    // traffic and threat
    SRC, DST, NATSRC, NATDST, RULE, SRCUSER, DSTUSER, APP, VSYS, FROM_ZONE, TO_ZONE, INBOUND_IF, OUTBOUND_IF,
    SESSION_ID, SPORT, DPORT, NATSPORT, NATDPORT, FLAGS, PROTO, ACTION, BYTES, BYTES_SENT, BYTES_RECEIVED,
    PACKETS, ELAPSED, CATEGORY, PKTS_SENT, PKTS_RECEIVED, SESSION_END_REASON, DEVICE_NAME,
    // threat
    MISC, THREAT_ID, SEVERITY, SEVERITY_NUMBER, DIRECTION, FILE_DIGEST, USER_AGENT, HTTP_METHOD, THREAT_CATEGORY,
    // system, config, correlation, authentication, GlobalProtect
    EVENT_ID, OBJECT, MODULE, DESCRIPTION, HOST, CMD, ADMIN, CLIENT, RESULT, PATH, OBJECT_NAME, OBJECT_ID,
    EVIDENCE, USER, NORMALIZE_USER, AUTH_EVENT, STAGE, STATUS, PUBLIC_IP, PUBLIC_IPV6, ERROR, REASON;

    static final PanField[] ALL = values();
}
