package io.yagura.format.asa;

import java.util.Map;

/**
 * Why a valid ASA message that Yagura does not turn into an event is ignored. Specific ids first,
 * then the three-digit class (Cisco groups ids by their first three digits), then a generic reason
 * that still names the id, so the ignore counters tell an operator what the device is sending.
 */
final class IgnoreReasons {

    private static final Map<String, String> BY_ID = Map.ofEntries(
            Map.entry("106101", "housekeeping: 106101 deny-flow log cache limit reached"),
            Map.entry("106102", "housekeeping: 106102 access-list log summary"),
            Map.entry("106103", "housekeeping: 106103 deny-flow log rate limited"),
            Map.entry("111007", "configuration audit: 111007 configuration session started"),
            Map.entry("111009", "configuration audit: 111009 command trace (debug level), covered by 111008/111010"),
            Map.entry("113008", "auth detail: 113008 AAA transaction status, covered by 113004/113012"),
            Map.entry("113009", "housekeeping: 113009 AAA retrieved default group policy"),
            Map.entry("113010", "housekeeping: 113010 AAA challenge received"),
            Map.entry("113011", "housekeeping: 113011 AAA retrieved user-specific group policy"),
            Map.entry("202010", "resource: 202010 NAT/PAT pool exhausted"),
            Map.entry("209005", "ip stack: 209005 IP fragment set discarded"),
            Map.entry("321006", "system status: 321006 memory usage"),
            Map.entry("418001", "management: 418001 through-the-device packet to management-only network denied"),
            Map.entry("609001", "housekeeping: 609001 local-host built, not security-relevant"),
            Map.entry("609002", "housekeeping: 609002 local-host teardown, not security-relevant"),
            Map.entry("710007", "housekeeping: 710007 NAT-T keepalive received"),
            Map.entry("852001", "snort: 852001 flow handed from the lightweight to the full proxy, not a security event"),
            Map.entry("852002", "snort: 852002 flow handed from the full to the lightweight proxy, not a security event"));

    private static final Map<String, String> BY_CLASS = Map.ofEntries(
            Map.entry("101", "failover: cable/state"), Map.entry("102", "failover: power"),
            Map.entry("103", "failover: mate state"), Map.entry("104", "failover: role change"),
            Map.entry("105", "failover: monitoring"), Map.entry("108", "inspection: ESMTP/SMTP"),
            Map.entry("109", "cut-through proxy: authentication detail"), Map.entry("110", "routing: egress lookup"),
            Map.entry("111", "configuration audit: command/session"), Map.entry("112", "system: configuration"),
            Map.entry("113", "auth detail: AAA housekeeping"), Map.entry("114", "hardware: module status"),
            Map.entry("199", "system: process/IPC event"), Map.entry("201", "resource: connection limits"),
            Map.entry("202", "resource: NAT/PAT"), Map.entry("209", "ip stack: fragments"),
            Map.entry("210", "failover: LU/replication"), Map.entry("211", "system: memory"),
            Map.entry("212", "snmp: agent"), Map.entry("215", "ip stack: ARP"),
            Map.entry("302", "connection: other connection detail"), Map.entry("303", "inspection: FTP"),
            Map.entry("304", "url filtering: server detail"), Map.entry("305", "nat: translation detail"),
            Map.entry("308", "configuration: console"), Map.entry("311", "failover: LAN"),
            Map.entry("313", "ip stack: ICMP detail"), Map.entry("315", "management: SSH session"),
            Map.entry("316", "vpn: L2TP detail"), Map.entry("317", "routing: table"),
            Map.entry("318", "routing: OSPF"), Map.entry("319", "system: network processor"),
            Map.entry("320", "vpn: IPsec hardware"), Map.entry("321", "system status: resource usage"),
            Map.entry("322", "ip stack: MAC"), Map.entry("323", "module status: data channel"),
            Map.entry("324", "inspection: GTP"), Map.entry("338", "dynamic filter: detail"),
            Map.entry("400", "ip audit: signature detail"), Map.entry("402", "vpn: IPsec detail"),
            Map.entry("403", "vpn: PPTP/L2TP"), Map.entry("405", "layer-2: ARP/IP collision"),
            Map.entry("406", "inspection: FTP"), Map.entry("407", "resource: host limits"),
            Map.entry("408", "ip stack: ICMP"), Map.entry("409", "routing: OSPF / auth fallback"),
            Map.entry("410", "inspection: DNS"), Map.entry("411", "interface status"),
            Map.entry("412", "interface: MAC"), Map.entry("414", "system: logging"),
            Map.entry("415", "inspection: HTTP"), Map.entry("416", "inspection: SNMP"),
            Map.entry("417", "routing: route injection"), Map.entry("418", "management: management-only network"),
            Map.entry("419", "tcp normalizer: detail"), Map.entry("420", "ips module: status"),
            Map.entry("421", "service resilience: application inspection failure"), Map.entry("422", "sla monitor"),
            Map.entry("423", "inspection: NetBIOS"), Map.entry("424", "interface: blocked packet"),
            Map.entry("425", "redundant interface"), Map.entry("426", "port-channel"),
            Map.entry("428", "wccp"), Map.entry("429", "cxsc module"), Map.entry("431", "rtp/rtcp"),
            Map.entry("430", "firepower event: Snort/Firepower record (cisco-firepower plugin)"),
            Map.entry("434", "sfr module: status"), Map.entry("439", "cluster: load balancer"),
            Map.entry("444", "licensing"), Map.entry("446", "tls proxy"), Map.entry("447", "system: interface"),
            Map.entry("448", "service: smart call home"), Map.entry("450", "system: dot1x"),
            Map.entry("500", "protocol anomaly: malformed header"), Map.entry("501", "vpn: IKE internal"),
            Map.entry("502", "configuration audit: user/group"), Map.entry("503", "routing: OSPF"),
            Map.entry("504", "module: service"), Map.entry("505", "module status"),
            Map.entry("506", "module: application"), Map.entry("507", "inspection: engine"),
            Map.entry("508", "inspection: DCERPC"), Map.entry("509", "inspection: SCCP"),
            Map.entry("602", "vpn: IPsec SA detail"), Map.entry("603", "vpn: PPTP/L2TP"),
            Map.entry("604", "system: DHCP client"), Map.entry("605", "management: login detail"),
            Map.entry("606", "management: ASDM session"), Map.entry("607", "inspection: SIP"),
            Map.entry("608", "inspection: skinny"), Map.entry("609", "housekeeping: local-host table"),
            Map.entry("610", "system: NTP"), Map.entry("611", "vpn client: detail"),
            Map.entry("612", "vpn client: auto update"), Map.entry("613", "routing: OSPF"),
            Map.entry("614", "system: console"), Map.entry("615", "system: VLAN"),
            Map.entry("617", "inspection: MGCP"), Map.entry("620", "inspection: CTIQBE"),
            Map.entry("621", "multicast: PIM"), Map.entry("622", "multicast: IGMP"),
            Map.entry("634", "system: DHCP"), Map.entry("701", "system: memory"),
            Map.entry("702", "vpn: ISAKMP"), Map.entry("703", "inspection: H.225"),
            Map.entry("709", "failover: replication"), Map.entry("710", "to-the-device: detail"),
            Map.entry("711", "system: CPU hog / task timing"), Map.entry("713", "vpn: IKE detail"),
            Map.entry("714", "vpn: IKE debug"), Map.entry("715", "vpn: IKE debug"),
            Map.entry("716", "vpn: WebVPN detail"), Map.entry("717", "pki: certificate"),
            Map.entry("718", "vpn: load balancing"), Map.entry("719", "e-mail proxy"),
            Map.entry("720", "vpn: failover"), Map.entry("721", "vpn: WebVPN failover"),
            Map.entry("722", "vpn: AnyConnect detail"), Map.entry("723", "vpn: WebVPN citrix"),
            Map.entry("724", "vpn: secure desktop"), Map.entry("725", "ssl: session detail"),
            Map.entry("726", "vpn: client"), Map.entry("730", "vpn: VLAN mapping"),
            Map.entry("731", "module: SSM"), Map.entry("732", "module: SSM"),
            Map.entry("733", "threat detection: detail"), Map.entry("734", "vpn: dynamic access policy"),
            Map.entry("735", "system: environment"), Map.entry("737", "vpn: IP address assignment"),
            Map.entry("741", "system: coredump"), Map.entry("742", "system: password recovery"),
            Map.entry("743", "system: chassis"), Map.entry("746", "identity firewall: user-identity"),
            Map.entry("747", "cluster: membership"), Map.entry("748", "cluster: control link"),
            Map.entry("750", "vpn: IKEv2 detail"), Map.entry("751", "vpn: IKEv2 client detail"),
            Map.entry("752", "vpn: tunnel manager detail"), Map.entry("768", "management: sessions"),
            Map.entry("769", "system: upgrade"), Map.entry("771", "system: clock"),
            Map.entry("775", "system: scansafe"), Map.entry("776", "system: cts"),
            Map.entry("778", "vxlan"), Map.entry("779", "service tag"), Map.entry("780", "system: snort"),
            Map.entry("802", "system: licensing"), Map.entry("803", "system: bypass"),
            Map.entry("805", "system: flow offload"), Map.entry("815", "system: object group search"),
            Map.entry("840", "system: smart licensing"), Map.entry("852", "system: unexpected packet"));

    private IgnoreReasons() {
    }

    static String reason(AsaMarker marker) {
        String id = marker.id();
        String specific = BY_ID.get(id);
        if (specific != null) {
            return specific;
        }
        String cls = BY_CLASS.get(id.substring(0, 3));
        if (cls != null) {
            int colon = cls.indexOf(':');
            String area = colon > 0 ? cls.substring(0, colon) : cls;
            String what = colon > 0 ? cls.substring(colon + 1).trim() : "status";
            return area + ": " + id + " " + what + ", not mapped to a security event";
        }
        return "unclassified: %" + marker.product() + "-" + marker.level() + "-" + id
                + " has no Yagura mapping (not a known security-relevant message)";
    }
}
