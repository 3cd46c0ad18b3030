package io.yagura.plugin.ciscoasa;

import static io.yagura.plugin.ciscoasa.TestSupport.absent;
import static io.yagura.plugin.ciscoasa.TestSupport.field;
import static io.yagura.plugin.ciscoasa.TestSupport.ignoredReason;
import static io.yagura.plugin.ciscoasa.TestSupport.parse;
import static io.yagura.plugin.ciscoasa.TestSupport.parsed;
import static io.yagura.plugin.ciscoasa.TestSupport.present;
import static io.yagura.plugin.ciscoasa.TestSupport.rejectedReason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.ParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * One scenario per message family. Sample lines are either copied from Apache-2.0 projects (source
 * named next to the constant; same lines as in src/test/resources/samples/cisco-asa.log) or composed
 * from the formats in Cisco's "Cisco Secure Firewall ASA Series Syslog Messages" guide.
 */
class CiscoAsaParserTest {

    // logscape/Logscape@fde91337/vs-log-server/test-data/SplunkCookedASASession-raw-11May09.log (Apache-2.0)
    static final String LS_302021 = "May  9 15:01:41 192.168.3.1 :May 09 14:18:31 EDT: %ASA-session-6-302021: Teardown ICMP connection for faddr 172.16.100.163/0 gaddr 192.168.2.112/22062 laddr 192.168.2.112/22062";
    static final String LS_305011 = "May  9 15:01:41 192.168.3.1 :May 09 14:18:31 EDT: %ASA-session-6-305011: Built dynamic ICMP translation from members:192.168.2.112/22066 to outside:67.110.177.172/13390";
    static final String LS_302014 = "May  9 15:01:41 192.168.3.1 :May 09 14:18:52 EDT: %ASA-session-6-302014: Teardown TCP connection 6024949 for outside:74.125.211.244/80 to LAN:192.168.1.2/65404 duration 0:00:32 bytes 3495132 TCP Reset-I";
    static final String LS_313001 = "May  9 15:01:41 192.168.3.1 :May 09 14:18:33 EDT: %ASA-ip-3-313001: Denied ICMP type=8, code=0 from 192.168.253.21 on interface outside";
    static final String LS_302020_OUT = "May  9 15:01:41 192.168.3.1 :May 09 14:18:37 EDT: %ASA-session-6-302020: Built outbound ICMP connection for faddr 192.168.3.113/0 gaddr 192.168.2.112/22070 laddr 192.168.2.112/22070";
    static final String LS_302020_IN = "May  9 15:01:41 192.168.3.1 :May 09 14:18:39 EDT: %ASA-session-6-302020: Built inbound ICMP connection for faddr 216.44.54.7/0 gaddr 67.110.177.172/15166 laddr 192.168.2.112/22072";
    static final String LS_302013_IN = "May  9 15:01:41 192.168.3.1 :May 09 14:18:42 EDT: %ASA-session-6-302013: Built inbound TCP connection 6025157 for public:192.168.3.126/58009 (192.168.3.126/58009) to members:192.168.2.254/3306 (192.168.2.254/3306)";
    static final String LS_106015 = "May  9 15:01:41 192.168.3.1 :May 09 14:18:44 EDT: %ASA-session-6-106015: Deny TCP (no connection) from 91.189.92.171/80 to 67.110.177.172/56017 flags FIN ACK  on interface outside";
    static final String LS_305012 = "May  9 15:01:41 192.168.3.1 :May 09 14:18:45 EDT: %ASA-session-6-305012: Teardown dynamic UDP translation from LAN:192.168.1.150/59649 to outside:67.110.177.172/53283 duration 0:00:30";
    static final String LS_302015 = "May  9 15:01:41 192.168.3.1 :May 09 14:18:52 EDT: %ASA-session-6-302015: Built inbound UDP connection 6025240 for public:192.168.3.100/56242 (192.168.3.100/56242) to LAN:192.168.1.150/53 (192.168.1.150/53)";
    static final String LS_302016 = "May  9 15:01:41 192.168.3.1 :May 09 14:18:54 EDT: %ASA-session-6-302016: Teardown UDP connection 6025254 for outside:65.106.1.196/53 to LAN:192.168.1.150/61199 duration 0:00:00 bytes 216";
    static final String LS_302013_OUT = "May  9 15:01:41 192.168.3.1 :May 09 14:19:14 EDT: %ASA-session-6-302013: Built outbound TCP connection 6025405 for outside:66.94.238.147/25 (66.94.238.147/25) to public:192.168.3.100/50879 (67.110.177.162/50879)";
    static final String LS_402116 = "May  9 15:01:45 192.168.3.1 :May 09 14:19:14 EDT: %ASA-vpn-4-402116: IPSEC: Received an ESP packet (SPI= 0xEE55F7FC, sequence number= 0x156) from 207.207.230.54 (user= 207.207.230.54) to 67.110.177.172.  The decapsulated inner packet doesn't match the negotiated policy in the SA.  The packet specifies its destination as 67.110.177.172, its source as 192.168.253.21, and its protocol as 1.  The SA specifies its local proxy as 192.168.1.0/255.255.255.0/0/0 and its remote_proxy as 172.16.100.16/255.255.255.240/0/0.";
    static final String LS_106023 = "May  9 15:01:45 192.168.3.1 :May 09 14:19:18 EDT: %ASA-session-4-106023: Deny tcp src outside:183.4.123.157/4564 dst members:67.110.177.167/1433 by access-group \"outside_access_in\" [0x0, 0x0]";
    static final String LS_602304 = "May  9 15:01:45 192.168.3.1 :May 09 14:23:34 EDT: %ASA-vpn-6-602304: IPSEC: An inbound LAN-to-LAN SA (SPI= 0x1EAA030B) between 67.110.177.172 and 199.164.21.5 (user= 199.164.21.5) has been deleted.";
    static final String LS_106014 = "May  9 15:01:48 192.168.3.1 :May 09 14:24:16 EDT: %ASA-session-3-106014: Deny inbound icmp src outside:174.127.73.132 dst outside:208.177.110.14 (type 3, code 3)";
    static final String LS_713049 = "May  9 15:06:48 192.168.3.1 :May 09 14:25:07 EDT: %ASA-vpn-5-713049: Group = 199.164.21.5, IP = 199.164.21.5, Security negotiation complete for LAN-to-LAN Group (199.164.21.5)  Responder, Inbound SPI = 0x2958bfbf, Outbound SPI = 0xc081496d";
    static final String LS_602303 = "May  9 15:06:48 192.168.3.1 :May 09 14:25:07 EDT: %ASA-vpn-6-602303: IPSEC: An outbound LAN-to-LAN SA (SPI= 0xC081496D) between 67.110.177.172 and 199.164.21.5 (user= 199.164.21.5) has been created.";
    static final String LS_713061 = "May  9 15:06:48 192.168.3.1 :May 09 14:25:07 EDT: %ASA-vpn-3-713061: Group = 12.161.2.84, IP = 12.161.2.84, Rejecting IPSec tunnel: no matching crypto map entry for remote proxy 172.16.100.208/255.255.255.240/0/0 local proxy 192.168.0.0/255.255.0.0/0/0 on interface outside";

    // apache/metron@1252573e/metron-platform/metron-integration-test/src/main/sample/data/asa/raw/asa_raw (Apache-2.0)
    static final String MT_609001 = "<167>Jan  5 08:52:35 10.22.8.216 %ASA-7-609001: Built local-host inside:10.22.8.205";
    static final String MT_302014_USER = "<166>Jan  5 08:52:35 10.22.8.216 %ASA-6-302014: Teardown TCP connection 212805593 for outside:10.22.8.223/59614(LOCAL\\user.name) to inside:10.22.8.78/8102 duration 0:00:07 bytes 3433 TCP FINs (user.name)";
    static final String MT_302013_USER = "<166>Jan  5 08:52:35 10.22.8.216 %ASA-6-302013: Built inbound TCP connection 212806031 for outside:10.22.8.17/58633 (10.22.8.17/58633)(LOCAL\\user.name) to inside:10.22.8.12/389 (10.22.8.12/389) (user.name)";
    static final String MT_710005 = "<167>Jan  5 08:52:35 10.22.8.216 %ASA-7-710005: UDP request discarded from 10.22.8.223/49192 to outside:224.111.72.252/5355";
    static final String MT_111010 = "<165>Aug 11 2016 15:42:07: %ASA-5-111010: User 'admin', running 'N/A' from IP 10.25.112.191, executed 'service-object object TCP44720-44722'";
    static final String MT_713202 = "<165>Aug 06 2016 18:05:27: %ASA-5-713202: IP = 192.168.140.20, Duplicate first packet detected.  Ignoring packet.";
    static final String MT_713904 = "<165>Aug 07 2016 22:38:41: %ASA-5-713904: IP = 206.16.173.28, Received encrypted packet with no matching SA, dropping";
    static final String MT_713050 = "<165>Aug 16 2016 08:20:21: %ASA-5-713050: Group = 192.168.136.20, IP = 192.168.136.20, Connection terminated for peer 192.168.136.20.  Reason: IPSec SA Idle Timeout  Remote Proxy 192.168.136.22, Local Proxy 172.18.106.36";
    static final String MT_313004 = "<164>Aug 16 2016 13:01:43: %ASA-4-313004: Denied ICMP type=0, from laddr 172.20.30.1 on interface Outside to 10.25.24.122: no matching session";
    static final String MT_106010 = "<163>Aug 05 2016 20:21:04: %ASA-3-106010: Deny inbound protocol 47 src Outside:14.169.120.66 dst Outside:172.18.105.105";
    static final String MT_113019 = "<164>Aug 06 2016 17:43:49: %ASA-4-113019: Group = 192.168.140.20, Username = 192.168.140.20, IP = 192.168.140.20, Session disconnected. Session Type: LAN-to-LAN, Duration: 12d 9h:11m:22s, Bytes xmt: 523781833, Bytes rcv: 16336203, Reason: Lost Service";
    static final String MT_313005 = "<164>Aug 05 2016 19:13:26: %ASA-4-313005: No matching connection for ICMP error message: icmp src Outside:198.27.69.147 dst identity:172.18.106.2 (type 3, code 3) on Outside interface.  Original IP payload: udp src 172.18.106.2/9993 dst 198.27.69.147/26410.";
    static final String MT_752004 = "<165>Aug 11 2016 11:43:02: %ASA-5-752004: Tunnel Manager dispatching a KEY_ACQUIRE message to IKEv1.  Map Tag = demap.  Map Sequence Number = 1.";
    static final String MT_752015 = "<163>Aug 11 2016 12:15:25: %ASA-3-752015: Tunnel Manager has failed to establish an L2L SA.  All configured IKE versions failed to establish the tunnel. Map Tag= demap.  Map Sequence Number = 1.";

    // logscape/Logscape@fde91337/vs-log/src/com/liquidlabs/log/fields/FieldSets.java getCiscoPIXLog() / getCiscoASALog() (Apache-2.0)
    static final String LS_PIX_302013 = "Sep  7 06:25:28 PIXName %PIX-6-302013: Built inbound TCP connection 141968 for db:10.0.0.1/60749 (10.0.0.1/60749) to NP Identity Ifc:10.0.0.2/22 (10.0.0.2/22)";
    static final String LS_PIX_106023 = "Sep  7 06:26:49 PIXName %PIX-4-106023: Deny udp src outside:204.16.208.49/58939 dst dmz:10.0.0.158/1026 by access-group \"acl_outside\" [0x0, 0x0]";
    static final String LS_113004 = "Jan 08 09:12:56 asa.example.com: %ASA-6-113004: AAA user authentication Successful : server =  192.168.0.1 : user = testuser";

    // splunk/splunk-connect-for-syslog@291da935/tests/test_cisco_asa.py (Apache-2.0)
    static final String SC_402119 = "<164>Jan 31 2020 17:24:03: %ASA-4-402119: IPSEC: Received an ESP packet (SPI= 0x0C190BF9, sequence number= 0x598243) from 192.0.0.1 (user= 192.0.0.1) to 192.0.0.2 that failed anti-replay checking.";
    static final String SC_710003 = "<166>2018-06-27T12:17:46Z asa : %ASA-3-710003: TCP access denied by ACL from 179.236.133.160/8949 to outside:72.142.18.38/23";

    @Nested
    @DisplayName("common fields and syslog headers")
    class Headers {

        @Test
        void everyEventCarriesObserverAndSeverityFields() {
            // customer.id, device.id, event.original and the other envelope fields are stamped by
            // the platform's plugin route (PluginRouteTest), not by the parser.
            SecurityEvent e = parsed(SC_710003);
            field(e, "message", "TCP access denied by ACL from 179.236.133.160/8949 to outside:72.142.18.38/23");
            field(e, "event.code", "710003");
            field(e, "event.severity", 3L);
            field(e, "yagura.vendor_severity", "errors");
            field(e, "observer.vendor", "Cisco");
            field(e, "observer.product", "ASA");
            field(e, "observer.type", "firewall");
        }

        @Test
        void iso8601HeaderWithPriorityAndHost() {
            SecurityEvent e = parsed(SC_710003);
            field(e, "@timestamp", "2018-06-27T12:17:46Z");
            field(e, "log.syslog.priority", 166L);
            field(e, "observer.hostname", "asa");
            field(e, "log.syslog.hostname", "asa");
        }

        @Test
        void noHeaderFallsBackToReceiveTime() {
            SecurityEvent e = parsed("%ASA-6-113012: AAA user authentication Successful : local database : user = netadmin");
            field(e, "@timestamp", TestSupport.RECEIVED_AT_TEXT);
            absent(e, "observer.hostname");
            absent(e, "log.syslog.priority");
        }

        @Test
        void priorityAndBsdDateWithHost() {
            SecurityEvent e = parsed(MT_710005);
            field(e, "log.syslog.priority", 167L);
            field(e, "observer.hostname", "10.22.8.216");
            assertTrue(e.getString("@timestamp").endsWith("-01-05T08:52:35Z"), () -> "field '@timestamp' in " + e);
            field(e, "event.severity", 7L);
            field(e, "yagura.vendor_severity", "debugging");
        }

        @Test
        void dateWithYearAndTrailingColon() {
            SecurityEvent e = parsed(MT_313004);
            field(e, "@timestamp", "2016-08-16T13:01:43Z");
            absent(e, "observer.hostname");
        }

        @Test
        void relayPrefixWithNestedDeviceDateAndFacilityForm() {
            SecurityEvent e = parsed(LS_302021);
            // the device's own date (14:18:31 EDT), not the relay's (15:01:41)
            assertTrue(e.getString("@timestamp").endsWith("-05-09T18:18:31Z"), () -> "field '@timestamp' in " + e);
            field(e, "observer.hostname", "192.168.3.1");
            field(e, "cisco.asa.facility", "session");
            field(e, "event.code", "302021");
            field(e, "event.severity", 6L);
            field(e, "message", "Teardown ICMP connection for faddr 172.16.100.163/0 gaddr 192.168.2.112/22062 laddr 192.168.2.112/22062");
        }

        @Test
        void zoneAbbreviationAfterDateIsNotTakenForTheHost() {
            // composed from Cisco ASA syslog message guide, message 106100 ("logging timestamp" with a zone)
            SecurityEvent e = parsed("Mar 12 2024 10:15:09 EDT: %ASA-session-5-106100: access-list acl_in permitted tcp inside/10.10.2.30(2241) -> outside/198.51.100.89(2000) hit-cnt 1 first hit [0x71a87d94, 0x0]");
            field(e, "@timestamp", "2024-03-12T14:15:09Z"); // EDT is UTC-4
            absent(e, "observer.hostname");
            field(e, "cisco.asa.facility", "session");
        }

        @Test
        void pixMarker() {
            SecurityEvent e = parsed(LS_PIX_106023);
            field(e, "observer.product", "PIX");
            field(e, "observer.hostname", "PIXName");
            field(e, "event.action", "denied");
        }

        @Test
        void ftdLinesBelongToTheFirepowerPlugin() {
            // composed from Cisco ASA syslog message guide, message 302013 (sent by FTD): the same
            // engine reads it, but in the cisco-firepower plugin (observer.product FTD)
            String reason = rejectedReason("<166>2024-03-12T10:20:00Z ftd-01 : %FTD-6-302013: Built inbound TCP connection 44901 for outside:203.0.113.100/51999 (203.0.113.100/51999) to dmz:198.51.100.40/443 (198.51.100.40/443)");
            assertTrue(reason.contains("cisco-firepower"), reason);
            assertTrue(rejectedReason("%FTD-1-430002: EventPriority: Low, AccessControlRuleAction: Allow, SrcIP: 192.0.2.1")
                    .contains("cisco-firepower"));
            assertTrue(rejectedReason("<166>:Feb 26 11:26:52 UTC: %FTD--6-852002: Received Full Proxy to Lightweight event")
                    .contains("cisco-firepower"));
        }
    }

    @Nested
    @DisplayName("1060xx / 1061xx denies")
    class Denies {

        @Test
        void d106001InboundTcpDenied() {
            // composed from Cisco ASA syslog message guide, message 106001
            SecurityEvent e = parsed("<162>Mar 12 2024 10:15:01 fw-edge-01 : %ASA-2-106001: Inbound TCP connection denied from 203.0.113.45/51515 to 198.51.100.10/23 flags SYN  on interface outside");
            field(e, "event.kind", "event");
            field(e, "event.category", List.of("network"));
            field(e, "event.action", "denied");
            field(e, "event.outcome", "failure");
            field(e, "source.ip", "203.0.113.45");
            field(e, "source.port", 51515L);
            field(e, "destination.ip", "198.51.100.10");
            field(e, "destination.port", 23L);
            field(e, "network.transport", "tcp");
            field(e, "cisco.asa.tcp_flags", "SYN");
            field(e, "observer.ingress.interface.name", "outside");
            field(e, "event.severity", 2L);
            field(e, "yagura.vendor_severity", "critical");
        }

        @Test
        void d106006And106007InboundUdp() {
            // composed from Cisco ASA syslog message guide, messages 106006 and 106007
            SecurityEvent e6 = parsed("%ASA-2-106006: Deny inbound UDP from 203.0.113.46/5353 to 198.51.100.11/161 on interface outside");
            field(e6, "event.action", "denied");
            field(e6, "network.transport", "udp");
            field(e6, "source.ip", "203.0.113.46");
            field(e6, "destination.port", 161L);
            field(e6, "observer.ingress.interface.name", "outside");
            SecurityEvent e7 = parsed("%ASA-2-106007: Deny inbound UDP from 203.0.113.47/53 to 10.10.1.5/33012 due to DNS Response");
            field(e7, "event.action", "denied");
            field(e7, "event.reason", "DNS Response");
            field(e7, "source.port", 53L);
            field(e7, "destination.ip", "10.10.1.5");
        }

        @Test
        void d106010ProtocolNumberBecomesGre() {
            SecurityEvent e = parsed(MT_106010);
            field(e, "network.transport", "gre");
            field(e, "source.ip", "14.169.120.66");
            field(e, "destination.ip", "172.18.105.105");
            absent(e, "source.port");
            field(e, "observer.ingress.interface.name", "Outside");
            field(e, "event.action", "denied");
        }

        @Test
        void d106011NoXlate() {
            // composed from Cisco ASA syslog message guide, message 106011
            SecurityEvent e = parsed("%ASA-3-106011: Deny inbound (No xlate) udp src outside:203.0.113.49/137 dst outside:198.51.100.12/137");
            field(e, "event.action", "denied");
            field(e, "event.reason", "no xlate");
            field(e, "source.ip", "203.0.113.49");
            field(e, "destination.ip", "198.51.100.12");
        }

        @Test
        void d106014IcmpWithTypeAndCode() {
            SecurityEvent e = parsed(LS_106014);
            field(e, "network.transport", "icmp");
            field(e, "network.direction", "inbound");
            field(e, "cisco.asa.icmp_type", 3L);
            field(e, "cisco.asa.icmp_code", 3L);
            field(e, "source.ip", "174.127.73.132");
            field(e, "destination.ip", "208.177.110.14");
            field(e, "event.action", "denied");
        }

        @Test
        void d106015NoConnection() {
            SecurityEvent e = parsed(LS_106015);
            field(e, "event.action", "denied");
            field(e, "event.reason", "no connection");
            field(e, "cisco.asa.tcp_flags", "FIN ACK");
            field(e, "source.ip", "91.189.92.171");
            field(e, "source.port", 80L);
            field(e, "destination.port", 56017L);
            field(e, "observer.ingress.interface.name", "outside");
        }

        @Test
        void d106016To106022AntiSpoofingAndAttackChecks() {
            // composed from Cisco ASA syslog message guide, messages 106016, 106017, 106020, 106021, 106022
            String[][] cases = {
                {"%ASA-2-106016: Deny IP spoof from (10.10.1.8) to 198.51.100.13 on interface outside", "IP spoof", "10.10.1.8"},
                {"%ASA-2-106017: Deny IP due to Land Attack from 198.51.100.14 to 198.51.100.14", "Land Attack", "198.51.100.14"},
                {"%ASA-2-106020: Deny IP teardrop fragment (size = 1480, offset = 1472) from 203.0.113.51 to 198.51.100.15", "teardrop fragment", "203.0.113.51"},
                {"%ASA-1-106021: Deny TCP reverse path check from 10.10.1.9 to 203.0.113.52 on interface outside", "reverse path check", "10.10.1.9"},
                {"%ASA-1-106022: Deny TCP connection spoof from 203.0.113.53 to 10.10.1.10 on interface inside", "connection spoof", "203.0.113.53"},
            };
            for (String[] c : cases) {
                SecurityEvent e = parsed(c[0]);
                field(e, "event.action", "denied");
                field(e, "event.reason", c[1]);
                field(e, "source.ip", c[2]);
                field(e, "event.category", List.of("network", "intrusion_detection"));
                present(e, "destination.ip");
            }
        }

        @Test
        void d106023AccessGroupDeny() {
            SecurityEvent e = parsed(LS_106023);
            field(e, "event.action", "denied");
            field(e, "event.outcome", "failure");
            field(e, "yagura.policy", "outside_access_in"); // the ACL is a policy, not a signature
            absent(e, "rule.name");
            absent(e, "rule.id");
            absent(e, "cisco.asa.ace_hash"); // hash 0x0 = not available
            field(e, "event.type", List.of("connection", "denied"));
            field(e, "source.ip", "183.4.123.157");
            field(e, "source.port", 4564L);
            field(e, "destination.ip", "67.110.177.167");
            field(e, "destination.port", 1433L);
            field(e, "observer.ingress.interface.name", "outside");
            field(e, "observer.egress.interface.name", "members");
            field(e, "event.severity", 4L);
            field(e, "yagura.vendor_severity", "warnings");
        }

        @Test
        void d106023Ipv6WithAceHash() {
            // composed from Cisco ASA syslog message guide, message 106023
            SecurityEvent e = parsed("<164>2024-03-12T10:15:05Z fw-edge-01 : %ASA-4-106023: Deny tcp src outside:2001:db8:1::25/51000 dst dmz:2001:db8:2::80/443 by access-group \"outside_access_in\" [0x5063b82f, 0x0]");
            field(e, "source.ip", "2001:db8:1::25");
            field(e, "source.port", 51000L);
            field(e, "destination.ip", "2001:db8:2::80");
            field(e, "destination.port", 443L);
            field(e, "cisco.asa.ace_hash", "0x5063b82f");
            absent(e, "rule.id");
            field(e, "yagura.policy", "outside_access_in");
            absent(e, "rule.name");
        }

        @Test
        void d106100PermittedDeniedEstAllowedWithHitCounts() {
            // composed from Cisco ASA syslog message guide, message 106100
            SecurityEvent permitted = parsed("%ASA-6-106100: access-list inside_in permitted tcp inside/10.10.2.20(49152) -> outside/198.51.100.80(443) hit-cnt 1 first hit [0x1f2e3d4c, 0x0]");
            field(permitted, "event.action", "allowed");
            field(permitted, "event.outcome", "success");
            field(permitted, "yagura.policy", "inside_in");
            absent(permitted, "rule.name");
            field(permitted, "cisco.asa.ace_hash", "0x1f2e3d4c");
            absent(permitted, "rule.id");
            field(permitted, "event.type", List.of("connection", "allowed"));
            field(permitted, "cisco.asa.hit_count", 1L);
            field(permitted, "cisco.asa.hit_interval", "first hit");
            field(permitted, "source.ip", "10.10.2.20");
            field(permitted, "source.port", 49152L);
            field(permitted, "destination.ip", "198.51.100.80");
            field(permitted, "destination.port", 443L);
            field(permitted, "observer.ingress.interface.name", "inside");
            field(permitted, "observer.egress.interface.name", "outside");

            SecurityEvent denied = parsed("%ASA-4-106100: access-list outside_in denied udp outside/203.0.113.60(12345) -> inside/10.10.2.21(161) hit-cnt 5 300-second interval [0x8a7b6c5d, 0x0]");
            field(denied, "event.action", "denied");
            field(denied, "event.type", List.of("connection", "denied"));
            field(denied, "yagura.policy", "outside_in");
            field(denied, "event.outcome", "failure");
            field(denied, "cisco.asa.hit_count", 5L);
            field(denied, "cisco.asa.hit_interval", "300-second interval");
            field(denied, "network.transport", "udp");

            SecurityEvent est = parsed("%ASA-6-106100: access-list outside_in est-allowed tcp outside/198.51.100.81(443) -> inside/10.10.2.22(50000) hit-cnt 1 first hit [0x0, 0x0]");
            field(est, "event.action", "allowed");
            field(est, "cisco.asa.acl_verdict", "est-allowed");
        }

        @Test
        void d106101IsHousekeeping() {
            // composed from Cisco ASA syslog message guide, message 106101
            String reason = ignoredReason("%ASA-1-106101: Number of cached deny-flows for ACL log has reached limit (4096).");
            assertTrue(reason.startsWith("housekeeping: 106101"), reason);
        }
    }

    @Nested
    @DisplayName("3020xx connections and 3050xx NAT")
    class Connections {

        @Test
        void c302013InboundInitiatorIsFirstTuple() {
            SecurityEvent e = parsed(LS_302013_IN);
            field(e, "event.action", "allowed");
            field(e, "event.type", List.of("connection", "start"));
            field(e, "event.outcome", "success");
            field(e, "network.direction", "inbound");
            field(e, "network.transport", "tcp");
            field(e, "source.ip", "192.168.3.126");
            field(e, "source.port", 58009L);
            field(e, "destination.ip", "192.168.2.254");
            field(e, "destination.port", 3306L);
            field(e, "observer.ingress.interface.name", "public");
            field(e, "observer.egress.interface.name", "members");
            field(e, "cisco.asa.connection_id", "6025157");
            absent(e, "source.nat.ip"); // mapped == real
        }

        @Test
        void c302013OutboundInitiatorIsSecondTupleWithNat() {
            SecurityEvent e = parsed(LS_302013_OUT);
            field(e, "network.direction", "outbound");
            field(e, "source.ip", "192.168.3.100");
            field(e, "source.port", 50879L);
            field(e, "source.nat.ip", "67.110.177.162");
            field(e, "destination.ip", "66.94.238.147");
            field(e, "destination.port", 25L);
            field(e, "observer.ingress.interface.name", "public");
            field(e, "observer.egress.interface.name", "outside");
            absent(e, "destination.nat.ip");
        }

        @Test
        void c302013Ipv6OutboundAndItsTeardownWithInitiator() {
            // composed from Cisco ASA syslog message guide, messages 302013 and 302014
            SecurityEvent built = parsed("%ASA-6-302013: Built outbound TCP connection 771203 for outside:2001:db8:ffff::10/443 (2001:db8:ffff::10/443) to inside:2001:db8:100::20/52344 (2001:db8:100::20/52344)");
            field(built, "source.ip", "2001:db8:100::20");
            field(built, "destination.ip", "2001:db8:ffff::10");
            field(built, "destination.port", 443L);
            SecurityEvent down = parsed("%ASA-6-302014: Teardown TCP connection 771203 for outside:2001:db8:ffff::10/443 to inside:2001:db8:100::20/52344 duration 0:01:05 bytes 10240 TCP FINs from inside");
            field(down, "event.action", "allowed");
            field(down, "event.type", List.of("connection", "end"));
            field(down, "cisco.asa.connection_id", "771203");
            field(down, "event.reason", "TCP FINs");
            field(down, "cisco.asa.teardown_initiator", "inside");
            field(down, "event.duration", 65_000_000_000L);
            field(down, "network.bytes", 10240L);
        }

        @Test
        void c302013WithIdentityFirewallUserAndAaaUser() {
            SecurityEvent e = parsed(MT_302013_USER);
            field(e, "user.name", "user.name");
            field(e, "user.domain", "LOCAL");
            field(e, "source.ip", "10.22.8.17");
            field(e, "destination.port", 389L);
        }

        @Test
        void c302014TeardownWithBytesDurationReason() {
            SecurityEvent e = parsed(LS_302014);
            field(e, "event.action", "allowed");
            field(e, "event.type", List.of("connection", "end"));
            field(e, "event.outcome", "success");
            field(e, "event.reason", "TCP Reset-I");
            field(e, "event.duration", 32_000_000_000L);
            field(e, "network.bytes", 3_495_132L);
            field(e, "cisco.asa.connection_id", "6024949");
            field(e, "source.ip", "74.125.211.244");
            field(e, "source.port", 80L);
            field(e, "destination.ip", "192.168.1.2");
            field(e, "destination.port", 65404L);
        }

        @Test
        void c302014TeardownWithIdfwAndTrailingUser() {
            SecurityEvent e = parsed(MT_302014_USER);
            field(e, "user.name", "user.name");
            field(e, "event.reason", "TCP FINs");
            field(e, "event.duration", 7_000_000_000L);
            field(e, "network.bytes", 3433L);
        }

        @Test
        void c302015And302016Udp() {
            SecurityEvent built = parsed(LS_302015);
            field(built, "event.action", "allowed");
            field(built, "event.type", List.of("connection", "start"));
            field(built, "network.transport", "udp");
            field(built, "destination.port", 53L);
            SecurityEvent down = parsed(LS_302016);
            field(down, "event.action", "allowed");
            field(down, "event.type", List.of("connection", "end"));
            field(down, "network.bytes", 216L);
            field(down, "event.duration", 0L);
            absent(down, "event.reason");
        }

        @Test
        void c302020IcmpDirectionDecidesTheInitiator() {
            SecurityEvent in = parsed(LS_302020_IN);
            field(in, "source.ip", "216.44.54.7");
            field(in, "destination.ip", "192.168.2.112");
            field(in, "destination.nat.ip", "67.110.177.172");
            absent(in, "source.port");
            SecurityEvent out = parsed(LS_302020_OUT);
            field(out, "source.ip", "192.168.2.112");
            field(out, "destination.ip", "192.168.3.113");
            field(out, "network.transport", "icmp");
            field(out, "event.action", "allowed");
            field(out, "event.type", List.of("connection", "start"));
        }

        @Test
        void c302021IcmpTeardown() {
            SecurityEvent e = parsed(LS_302021);
            field(e, "event.action", "allowed");
            field(e, "event.type", List.of("connection", "end"));
            field(e, "source.ip", "172.16.100.163");
            field(e, "destination.ip", "192.168.2.112");
        }

        @Test
        void c302013PixInterfaceWithSpaces() {
            SecurityEvent e = parsed(LS_PIX_302013);
            field(e, "observer.egress.interface.name", "NP Identity Ifc");
            field(e, "destination.port", 22L);
        }

        @Test
        void n305011And305012Translations() {
            SecurityEvent built = parsed(LS_305011);
            field(built, "event.action", "allowed");
            field(built, "event.type", List.of("start")); // a translation slot, not a connection
            field(built, "source.ip", "192.168.2.112");
            field(built, "source.nat.ip", "67.110.177.172");
            field(built, "network.transport", "icmp");
            field(built, "cisco.asa.nat_type", "dynamic");
            field(built, "observer.egress.interface.name", "outside");
            SecurityEvent down = parsed(LS_305012);
            field(down, "event.action", "allowed");
            field(down, "event.type", List.of("end"));
            field(down, "source.port", 59649L);
            field(down, "source.nat.port", 53283L);
            field(down, "event.duration", 30_000_000_000L);
        }

        @Test
        void n305013AsymmetricNat() {
            // composed from Cisco ASA syslog message guide, message 305013
            SecurityEvent e = parsed("%ASA-5-305013: Asymmetric NAT rules matched for forward and reverse flows; Connection tcp src outside:203.0.113.77/44123 dst inside:10.10.5.5/80 denied due to NAT reverse path failure");
            field(e, "event.action", "denied");
            field(e, "event.reason", "NAT reverse path failure");
            field(e, "source.ip", "203.0.113.77");
        }
    }

    @Nested
    @DisplayName("3130xx ICMP and 7100xx to-the-device access")
    class IcmpAndToTheBox {

        @Test
        void i313001IcmpToDevice() {
            SecurityEvent e = parsed(LS_313001);
            field(e, "event.action", "denied");
            field(e, "source.ip", "192.168.253.21");
            field(e, "cisco.asa.icmp_type", 8L);
            field(e, "observer.ingress.interface.name", "outside");
        }

        @Test
        void i313004NoMatchingSession() {
            SecurityEvent e = parsed(MT_313004);
            field(e, "event.action", "denied");
            field(e, "event.reason", "no matching session");
            field(e, "source.ip", "172.20.30.1");
            field(e, "destination.ip", "10.25.24.122");
        }

        @Test
        void i313005NoMatchingConnection() {
            SecurityEvent e = parsed(MT_313005);
            field(e, "event.action", "dropped");
            field(e, "source.ip", "198.27.69.147");
            field(e, "destination.ip", "172.18.106.2");
            field(e, "cisco.asa.original_payload", "udp src 172.18.106.2/9993 dst 198.27.69.147/26410");
        }

        @Test
        void i313008Ipv6Icmp() {
            // composed from Cisco ASA syslog message guide, message 313008
            SecurityEvent e = parsed("%ASA-3-313008: Denied IPv6-ICMP type=128, code=0 from 2001:db8:bad::1 on interface outside");
            field(e, "network.transport", "ipv6-icmp");
            field(e, "source.ip", "2001:db8:bad::1");
        }

        @Test
        void t710003DeniedByAclToTheDevice() {
            SecurityEvent e = parsed(SC_710003);
            field(e, "event.action", "denied");
            field(e, "source.ip", "179.236.133.160");
            field(e, "source.port", 8949L);
            field(e, "destination.ip", "72.142.18.38");
            field(e, "destination.port", 23L);
            field(e, "observer.ingress.interface.name", "outside");
            present(e, "event.reason");
        }

        @Test
        void t710001And710002WithServiceNames() {
            // composed from Cisco ASA syslog message guide, messages 710001, 710002, 710003
            SecurityEvent req = parsed("%ASA-7-710001: TCP access requested from 10.10.4.2/55001 to inside:10.10.4.1/https");
            field(req, "destination.port", 443L);
            field(req, "network.protocol", "https");
            field(req, "event.action", "allowed");
            field(req, "event.outcome", "success"); // 710001: the SYN the management access list permitted
            field(req, "event.type", List.of("connection", "start"));
            SecurityEvent ok = parsed("%ASA-7-710002: TCP access permitted from 10.10.4.2/55001 to inside:10.10.4.1/https");
            field(ok, "event.action", "allowed");
            field(ok, "event.outcome", "success");
            SecurityEvent no = parsed("%ASA-3-710003: TCP access denied by ACL from 203.0.113.76/52311 to outside:198.51.100.1/ssh");
            field(no, "destination.port", 22L);
            field(no, "network.protocol", "ssh");
        }

        @Test
        void t710005Discarded() {
            SecurityEvent e = parsed(MT_710005);
            field(e, "event.action", "dropped");
            field(e, "network.transport", "udp");
            field(e, "destination.port", 5355L);
        }
    }

    @Nested
    @DisplayName("detections: 733100, 4000xx, 420xxx, 434xxx, 419002, 338xxx")
    class Detections {

        @Test
        void t733100ThreatDetectionObject() {
            // composed from Cisco ASA syslog message guide, message 733100
            SecurityEvent e = parsed("<164>Mar 12 2024 10:17:00 fw-edge-01 : %ASA-4-733100: [ SYN attck] drop rate-1 exceeded. Current burst rate is 120 per second, max configured rate is 100; Current average rate is 40 per second, max configured rate is 80; Cumulative total count is 72000");
            field(e, "event.kind", "alert");
            field(e, "event.action", "alert");
            assertTrue(((List<?>) e.get("event.category")).contains("threat"), "field 'event.category' contains threat");
            field(e, "rule.name", "SYN attck");
            field(e, "rule.category", "system");
            field(e, "cisco.asa.burst_rate", 120L);
            field(e, "cisco.asa.burst_rate_max", 100L);
            field(e, "cisco.asa.average_rate", 40L);
            field(e, "cisco.asa.average_rate_max", 80L);
            field(e, "cisco.asa.total_count", 72000L);
            field(e, "cisco.asa.rate_id", "rate-1");
        }

        @Test
        void t733100HostObject() {
            // composed from Cisco ASA syslog message guide, message 733100
            SecurityEvent e = parsed("%ASA-4-733100: [ 203.0.113.99] drop rate-2 exceeded. Current burst rate is 15 per second, max configured rate is 10; Current average rate is 9 per second, max configured rate is 5; Cumulative total count is 32400");
            field(e, "rule.name", "203.0.113.99");
            field(e, "rule.category", "host");
            field(e, "related.ip", List.of("203.0.113.99"));
        }

        @Test
        void s4000xxIpAuditSignatureWithoutColonAfterId() {
            // composed from Cisco ASA syslog message guide, message 400013 (the guide prints no ':' after the id)
            SecurityEvent e = parsed("%ASA-4-400013 IPS:2003 ICMP redirect from 198.51.100.2 to 10.10.10.1 on interface dmz");
            field(e, "event.kind", "alert");
            field(e, "event.category", List.of("network", "intrusion_detection"));
            field(e, "event.action", "alert");
            field(e, "rule.id", "2003");
            field(e, "rule.name", "ICMP redirect");
            field(e, "source.ip", "198.51.100.2");
            field(e, "destination.ip", "10.10.10.1");
            field(e, "observer.ingress.interface.name", "dmz");
            field(e, "network.transport", "icmp");
            field(e, "event.type", List.of("info")); // Cisco classes 2003 ICMP redirect as Informational
        }

        @Test
        void s400032IpAuditSignatureWithColon() {
            // composed from Cisco ASA syslog message guide, message 400032
            SecurityEvent e = parsed("<164>Mar 12 2024 10:18:00 fw-edge-01 : %ASA-4-400032: IPS:4051 UDP Snork attack from 203.0.113.70 to 198.51.100.20 on interface outside");
            field(e, "rule.id", "4051");
            field(e, "rule.name", "UDP Snork attack");
            field(e, "network.transport", "udp");
            absent(e, "event.type"); // 4051 is an Attack signature
        }

        @Test
        void p420002And420003IpsModule() {
            // composed from Cisco ASA syslog message guide, messages 420002 and 420003
            SecurityEvent drop = parsed("%ASA-4-420002: IPS requested to drop TCP packet from outside:203.0.113.72/4444 to inside:10.10.3.5/445");
            field(drop, "event.kind", "alert");
            field(drop, "event.action", "blocked");
            field(drop, "event.outcome", "failure");
            field(drop, "event.category", List.of("network", "intrusion_detection"));
            field(drop, "source.ip", "203.0.113.72");
            field(drop, "destination.port", 445L);
            SecurityEvent reset = parsed("%ASA-4-420003: IPS requested to reset TCP connection from outside:203.0.113.73/5555 to dmz:198.51.100.22/80");
            field(reset, "event.action", "reset");
            field(reset, "network.transport", "tcp");
        }

        @Test
        void f434002And434004FirepowerModule() {
            // composed from Cisco ASA syslog message guide, messages 434002 and 434004
            SecurityEvent drop = parsed("%ASA-4-434002: SFR requested to drop TCP packet from outside:203.0.113.74/40404 to dmz:198.51.100.23/443");
            field(drop, "event.kind", "alert");
            field(drop, "event.action", "blocked");
            field(drop, "source.ip", "203.0.113.74");
            field(drop, "observer.egress.interface.name", "dmz");
            SecurityEvent bypass = parsed("%ASA-5-434004: SFR requested ASA to bypass further packet redirection and process TCP flow from inside:10.10.3.6/52000 to outside:198.51.100.24/443 locally");
            field(bypass, "event.kind", "event");
            field(bypass, "event.action", "allowed");
            field(bypass, "source.ip", "10.10.3.6");
            present(bypass, "event.reason");
        }

        @Test
        void a419002DuplicateSyn() {
            // composed from Cisco ASA syslog message guide, message 419002
            SecurityEvent e = parsed("%ASA-4-419002: Duplicate TCP SYN from outside:203.0.113.75/33333 to dmz:198.51.100.25/80 with different initial sequence number");
            field(e, "event.kind", "alert");
            field(e, "event.action", "alert");
            field(e, "source.ip", "203.0.113.75");
            field(e, "destination.port", 80L);
            field(e, "network.transport", "tcp");
            present(e, "event.reason");
        }

        @Test
        void b338006DroppedBlacklistedDomain() {
            // composed from Cisco ASA syslog message guide, message 338006
            SecurityEvent e = parsed("%ASA-4-338006: Dynamic Filter dropped blacklisted TCP traffic from inside:10.10.6.6/51001 (198.51.100.31/51001) to outside:203.0.113.79/443 (203.0.113.79/443), destination 203.0.113.79 resolved from dynamic list: c2.example.net, threat-level: very-high, category: Bot and Threat Networks");
            field(e, "event.kind", "alert");
            field(e, "event.action", "blocked");
            field(e, "event.outcome", "failure");
            field(e, "event.category", List.of("network", "malware"));
            field(e, "rule.name", "c2.example.net");
            field(e, "rule.category", "Bot and Threat Networks");
            field(e, "cisco.asa.threat_level", "very-high");
            field(e, "source.ip", "10.10.6.6");
            field(e, "source.nat.ip", "198.51.100.31");
            field(e, "destination.ip", "203.0.113.79");
            field(e, "destination.domain", "c2.example.net");
            field(e, "threat.indicator.ip", "203.0.113.79");
        }

        @Test
        void b338001And338204MonitoredAndGreylisted() {
            // composed from Cisco ASA syslog message guide, messages 338001 and 338204
            SecurityEvent monitored = parsed("%ASA-4-338001: Dynamic Filter monitored blacklisted TCP traffic from outside:203.0.113.78/80 (203.0.113.78/80) to inside:10.10.6.5/51000 (198.51.100.30/51000), source 203.0.113.78 resolved from dynamic list: malware.example.com, threat-level: high, category: Malware");
            field(monitored, "event.kind", "alert");
            field(monitored, "event.action", "alert");
            field(monitored, "source.domain", "malware.example.com");
            field(monitored, "rule.category", "Malware");
            SecurityEvent grey = parsed("%ASA-4-338204: Dynamic Filter dropped greylisted UDP traffic from inside:10.10.6.7/53000 (198.51.100.32/53000) to outside:203.0.113.80/53 (203.0.113.80/53), destination 203.0.113.80 resolved from dynamic list: ambiguous.example.org, threat-level: moderate, category: Spyware");
            field(grey, "event.action", "blocked");
            field(grey, "cisco.asa.dynamic_filter.list", "greylisted");
        }

        @Test
        void b3383xxThreatIntelUpdates() {
            // composed from Cisco ASA syslog message guide, messages 338301, 338302, 338303, 338304, 338310
            SecurityEvent dns = parsed("%ASA-4-338301: Intercepted DNS reply for domain c2.example.net from outside:198.51.100.53/53 to inside:10.10.6.6/53211, matched blacklist");
            field(dns, "dns.question.name", "c2.example.net");
            field(dns, "event.kind", "alert");
            // the reply goes back to the client that asked: the client is the initiator (source)
            field(dns, "source.ip", "10.10.6.6");
            field(dns, "destination.ip", "198.51.100.53");
            SecurityEvent added = parsed("%ASA-5-338302: Address 203.0.113.79 discovered for domain c2.example.net from blacklist, Adding rule");
            field(added, "event.action", "allowed");
            field(added, "event.type", List.of("indicator", "creation"));
            field(added, "threat.indicator.ip", "203.0.113.79");
            field(added, "threat.indicator.url.domain", "c2.example.net");
            field(added, "event.category", List.of("threat"));
            SecurityEvent removed = parsed("%ASA-5-338303: Address 203.0.113.79 (c2.example.net) timed out, Removing rule");
            field(removed, "event.action", "allowed");
            field(removed, "event.type", List.of("indicator", "deletion"));
            // the updater's database downloads are device health, not security events
            assertEquals("dynamic filter updater: 338304 database download status (device health, no security event)",
                    ignoredReason("%ASA-6-338304: Successfully downloaded dynamic filter data file from updater server https://updates.example.com"));
            assertTrue(ignoredReason("%ASA-3-338310: Failed to update from dynamic filter updater server https://updates.example.com, reason: Failed to connect to updater server")
                    .startsWith("dynamic filter updater: 338310"));
        }
    }

    @Nested
    @DisplayName("authentication, logins to the device, privilege and configuration")
    class Authentication {

        @Test
        void a113004Success() {
            SecurityEvent e = parsed(LS_113004);
            field(e, "event.category", List.of("authentication"));
            field(e, "event.action", "allowed");
            field(e, "event.type", List.of("start"));
            field(e, "event.outcome", "success");
            field(e, "user.name", "testuser");
            field(e, "cisco.asa.aaa_server", "192.168.0.1");
            field(e, "observer.hostname", "asa.example.com");
        }

        @Test
        void a113005Rejected() {
            // composed from Cisco ASA syslog message guide, message 113005
            SecurityEvent e = parsed("%ASA-6-113005: AAA user authentication Rejected : reason = AAA failure : server = 10.10.7.10 : user = jdoe : user IP = 203.0.113.90");
            field(e, "event.action", "denied");
            field(e, "event.category", List.of("authentication"));
            field(e, "event.type", List.of("start"));
            field(e, "event.outcome", "failure");
            field(e, "event.reason", "AAA failure");
            field(e, "user.name", "jdoe");
            field(e, "source.ip", "203.0.113.90");
        }

        @Test
        void a113012And113015LocalDatabase() {
            // composed from Cisco ASA syslog message guide, messages 113012 and 113015
            SecurityEvent ok = parsed("%ASA-6-113012: AAA user authentication Successful : local database : user = netadmin");
            field(ok, "event.action", "allowed");
            field(ok, "event.outcome", "success");
            field(ok, "event.category", List.of("authentication"));
            field(ok, "user.name", "netadmin");
            SecurityEvent ko = parsed("%ASA-6-113015: AAA user authentication Rejected : reason = Invalid password : local database : user = netadmin : user IP = 203.0.113.91");
            field(ko, "event.action", "denied");
            field(ko, "event.outcome", "failure");
            field(ko, "event.category", List.of("authentication"));
            field(ko, "event.reason", "Invalid password");
            field(ko, "source.ip", "203.0.113.91");
        }

        @Test
        void a113019VpnSessionDisconnected() {
            SecurityEvent e = parsed(MT_113019);
            field(e, "event.action", "allowed");
            field(e, "event.outcome", "success");
            field(e, "event.category", List.of("network", "session"));
            field(e, "event.type", List.of("end"));
            field(e, "event.reason", "Lost Service");
            field(e, "group.name", "192.168.140.20");
            field(e, "source.ip", "192.168.140.20");
            field(e, "event.duration", (12L * 86_400 + 9 * 3_600 + 11 * 60 + 22) * 1_000_000_000L);
            field(e, "source.bytes", 16_336_203L);
            field(e, "destination.bytes", 523_781_833L);
        }

        @Test
        void a113039AnyConnectLogon() {
            // composed from Cisco ASA syslog message guide, message 113039
            SecurityEvent e = parsed("%ASA-6-113039: Group <RemoteAccess> User <jdoe> IP <203.0.113.92> AnyConnect parent session started.");
            field(e, "event.action", "allowed");
            field(e, "event.category", List.of("authentication", "session"));
            field(e, "event.type", List.of("start"));
            field(e, "event.outcome", "success");
            field(e, "user.name", "jdoe");
            field(e, "group.name", "RemoteAccess");
            field(e, "source.ip", "203.0.113.92");
        }

        @Test
        void l605004And605005DeviceLogins() {
            // composed from Cisco ASA syslog message guide, messages 605004 and 605005
            SecurityEvent denied = parsed("%ASA-6-605004: Login denied from 203.0.113.98/40022 to outside:198.51.100.1/ssh for user \"root\"");
            field(denied, "event.action", "denied");
            field(denied, "event.category", List.of("authentication"));
            field(denied, "event.outcome", "failure");
            field(denied, "user.name", "root");
            field(denied, "source.ip", "203.0.113.98");
            field(denied, "destination.port", 22L);
            field(denied, "network.protocol", "ssh");
            SecurityEvent permitted = parsed("%ASA-6-605005: Login permitted from 10.10.8.5/52100 to inside:10.10.8.1/https for user \"netadmin\"");
            field(permitted, "event.action", "allowed");
            field(permitted, "event.category", List.of("authentication"));
            field(permitted, "event.outcome", "success");
            field(permitted, "destination.port", 443L);
        }

        @Test
        void l611101To611103VpnClientUsers() {
            // composed from Cisco ASA syslog message guide, messages 611101, 611102, 611103
            SecurityEvent ok = parsed("%ASA-6-611101: User authentication succeeded: IP address: 10.10.8.5, Uname: netadmin");
            field(ok, "event.action", "allowed");
            field(ok, "event.outcome", "success");
            field(ok, "source.ip", "10.10.8.5");
            field(ok, "user.name", "netadmin");
            SecurityEvent ko = parsed("%ASA-6-611102: User authentication failed: IP address: 203.0.113.98, Uname: root");
            field(ko, "event.action", "denied");
            field(ko, "event.outcome", "failure");
            SecurityEvent out = parsed("%ASA-5-611103: User logged out: Uname: netadmin");
            field(out, "event.action", "allowed");
            field(out, "event.category", List.of("authentication", "session"));
            field(out, "event.type", List.of("end"));
            field(out, "user.name", "netadmin");
        }

        @Test
        void p502103PrivilegeChange() {
            // composed from Cisco ASA syslog message guide, message 502103
            SecurityEvent e = parsed("%ASA-5-502103: User priv level changed: Uname: netadmin From: 1 To: 15");
            field(e, "event.action", "allowed");
            field(e, "event.category", List.of("iam"));
            field(e, "event.type", List.of("change"));
            field(e, "user.name", "netadmin");
            field(e, "cisco.asa.privilege_level_old", 1L);
            field(e, "cisco.asa.privilege_level_new", 15L);
        }

        @Test
        void c111010ConfigurationCommand() {
            SecurityEvent e = parsed(MT_111010);
            field(e, "event.action", "allowed");
            field(e, "event.type", List.of("change"));
            field(e, "event.category", List.of("configuration"));
            field(e, "user.name", "admin");
            field(e, "source.ip", "10.25.112.191");
            field(e, "cisco.asa.command", "service-object object TCP44720-44722");
        }
    }

    @Nested
    @DisplayName("VPN: IPsec, IKE, WebVPN/AnyConnect, IKEv2, tunnel manager")
    class Vpn {

        @Test
        void v402116PolicyMismatch() {
            SecurityEvent e = parsed(LS_402116);
            field(e, "event.action", "dropped");
            field(e, "event.outcome", "failure");
            field(e, "source.ip", "207.207.230.54");
            field(e, "destination.ip", "67.110.177.172");
            field(e, "user.name", "207.207.230.54");
            field(e, "network.transport", "esp");
            field(e, "event.reason", "The decapsulated inner packet doesn't match the negotiated policy in the SA");
            field(e, "cisco.asa.inner_source_ip", "192.168.253.21");
            field(e, "cisco.asa.inner_protocol", "icmp");
        }

        @Test
        void v402119AntiReplay() {
            SecurityEvent e = parsed(SC_402119);
            field(e, "event.action", "dropped");
            field(e, "event.reason", "failed anti-replay checking");
            field(e, "source.ip", "192.0.0.1");
            field(e, "destination.ip", "192.0.0.2");
            field(e, "@timestamp", "2020-01-31T17:24:03Z");
        }

        @Test
        void v602303And602304SaLifecycle() {
            SecurityEvent created = parsed(LS_602303);
            field(created, "event.action", "allowed");
            field(created, "event.category", List.of("network", "session"));
            field(created, "event.type", List.of("start"));
            field(created, "source.ip", "199.164.21.5");
            field(created, "destination.ip", "67.110.177.172");
            field(created, "cisco.asa.tunnel_type", "LAN-to-LAN");
            SecurityEvent deleted = parsed(LS_602304);
            field(deleted, "event.action", "allowed");
            field(deleted, "event.type", List.of("end"));
        }

        @Test
        void v713061IkeFailure() {
            SecurityEvent e = parsed(LS_713061);
            field(e, "event.action", "denied");
            field(e, "event.type", List.of("connection", "denied"));
            field(e, "event.outcome", "failure");
            field(e, "source.ip", "12.161.2.84");
            field(e, "group.name", "12.161.2.84");
            assertTrue(e.getString("event.reason").startsWith("Rejecting IPSec tunnel"), () -> "field 'event.reason' in " + e);
        }

        @Test
        void v713904And713050() {
            SecurityEvent failed = parsed(MT_713904);
            field(failed, "event.outcome", "failure");
            field(failed, "source.ip", "206.16.173.28");
            SecurityEvent ended = parsed(MT_713050);
            field(ended, "event.action", "allowed");
            field(ended, "event.type", List.of("end"));
            field(ended, "event.reason", "IPSec SA Idle Timeout");
        }

        @Test
        void v713049NegotiationComplete() {
            SecurityEvent e = parsed(LS_713049);
            field(e, "event.action", "allowed");
            field(e, "event.type", List.of("start"));
            field(e, "event.outcome", "success");
        }

        @Test
        void v713202NegotiationChatterIsIgnored() {
            assertTrue(ignoredReason(MT_713202).startsWith("vpn: 713202"));
        }

        @Test
        void v713167XauthFailure() {
            // composed from Cisco ASA syslog message guide, message 713167
            SecurityEvent e = parsed("%ASA-3-713167: Group = RemoteAccess, Username = jdoe, IP = 203.0.113.97, Remote peer has failed user authentication - check configured username and password");
            field(e, "event.action", "denied");
            field(e, "event.outcome", "failure");
            field(e, "event.category", List.of("authentication"));
            field(e, "user.name", "jdoe");
            field(e, "source.ip", "203.0.113.97");
        }

        @Test
        void w716001And716039WebVpn() {
            // composed from Cisco ASA syslog message guide, messages 716001 and 716039
            SecurityEvent ok = parsed("%ASA-6-716001: Group <RemoteAccess> User <jdoe> IP <203.0.113.92> WebVPN session started.");
            field(ok, "event.action", "allowed");
            field(ok, "event.category", List.of("authentication", "session"));
            field(ok, "user.name", "jdoe");
            SecurityEvent ko = parsed("%ASA-6-716039: Group <RemoteAccess> User <mallory> IP <203.0.113.93> Authentication: rejected, Session Type: WebVPN.");
            field(ko, "event.action", "denied");
            field(ko, "event.outcome", "failure");
            field(ko, "user.name", "mallory");
            field(ko, "group.name", "RemoteAccess");
            field(ko, "source.ip", "203.0.113.93");
        }

        @Test
        void w722051AddressAssigned() {
            // composed from Cisco ASA syslog message guide, message 722051
            SecurityEvent e = parsed("%ASA-4-722051: Group <RemoteAccess> User <jdoe> IP <203.0.113.92> IPv4 Address <10.10.200.15> IPv6 address <::> assigned to session");
            field(e, "event.action", "allowed");
            field(e, "event.category", List.of("network", "session"));
            field(e, "event.type", List.of("info"));
            field(e, "cisco.asa.assigned_ip", "10.10.200.15");
            field(e, "source.ip", "203.0.113.92");
        }

        @Test
        void s725006SslHandshakeFailure() {
            // composed from Cisco ASA syslog message guide, message 725006
            SecurityEvent e = parsed("%ASA-6-725006: Device failed SSL handshake with client outside:203.0.113.94/50123 to 198.51.100.1/443");
            field(e, "event.action", "denied");
            field(e, "event.outcome", "failure");
            field(e, "source.ip", "203.0.113.94");
            field(e, "destination.port", 443L);
        }

        @Test
        void k750002And750003Ikev2() {
            // composed from Cisco ASA syslog message guide, messages 750002 and 750003
            SecurityEvent req = parsed("%ASA-5-750002: Local:198.51.100.1:500 Remote:203.0.113.95:500 Username:Unknown Received a IKE_INIT_SA request");
            field(req, "event.action", "allowed");
            field(req, "event.outcome", "unknown"); // accepted for negotiation, result not known yet
            field(req, "event.type", List.of("connection", "start"));
            field(req, "source.ip", "203.0.113.95");
            field(req, "destination.ip", "198.51.100.1");
            field(req, "destination.port", 500L);
            SecurityEvent ko = parsed("%ASA-4-750003: Local:198.51.100.1:500 Remote:203.0.113.95:500 Username:Unknown Negotiation aborted due to ERROR: Received invalid proposal");
            field(ko, "event.action", "denied");
            field(ko, "event.outcome", "failure");
            field(ko, "event.reason", "ERROR: Received invalid proposal");
        }

        @Test
        void k751025AnyConnectIkev2Assignment() {
            // composed from Cisco ASA syslog message guide, message 751025
            SecurityEvent e = parsed("%ASA-5-751025: Local:198.51.100.1:4500 Remote:203.0.113.96:61234 Username:jdoe IKEv2 Group:RemoteAccess IPv4 Address=10.10.200.16 IPv6 address=:: assigned to session");
            field(e, "event.action", "allowed");
            field(e, "user.name", "jdoe");
            field(e, "source.ip", "203.0.113.96");
            field(e, "cisco.asa.assigned_ip", "10.10.200.16");
        }

        @Test
        void m752015TunnelManagerFailureAnd752004Ignored() {
            SecurityEvent e = parsed(MT_752015);
            field(e, "event.action", "denied");
            field(e, "event.outcome", "failure");
            field(e, "cisco.asa.crypto_map", "demap");
            field(e, "cisco.asa.crypto_map_sequence", 1L);
            field(e, "event.reason", "Tunnel Manager has failed to establish an L2L SA");
            assertTrue(ignoredReason(MT_752004).contains("752004"));
        }
    }

    @Nested
    @DisplayName("ignored, rejected, robustness")
    class Outcomes {

        @Test
        void housekeepingIsIgnoredWithSpecificReason() {
            assertEquals("housekeeping: 609001 local-host built, not security-relevant", ignoredReason(MT_609001));
            // composed from Cisco ASA syslog message guide, message 321006
            assertTrue(ignoredReason("%ASA-2-321006: System Memory usage reached 93%").startsWith("system status: 321006"));
        }

        @Test
        void unknownIdIsIgnoredNamingTheId() {
            String reason = ignoredReason("%ASA-6-999001: Something the table does not know");
            assertTrue(reason.contains("999001"), reason);
        }

        @Test
        void knownFamilyWithUnexpectedTextIsRejectedWithTheExpectedForm() {
            String reason = rejectedReason("%ASA-4-106023: Deny something that is not an access-group deny");
            assertTrue(reason.startsWith("106023: "), reason);
            assertTrue(reason.contains("expected form"), reason);
        }

        @Test
        void lineWithoutMarkerIsRejected() {
            assertEquals("no %ASA-/%PIX- message marker", rejectedReason("<14>Mar 12 10:00:00 host sshd[42]: Accepted publickey for root"));
        }

        @Test
        void truncatedMarkerIsRejected() {
            assertTrue(rejectedReason("%ASA-4-1060").contains("malformed or truncated"));
            assertTrue(rejectedReason("%ASA-4-106023:").startsWith("truncated"));
        }

        @Test
        void parserIsSafeUnderConcurrentUse() throws Exception {
            List<String> lines = TestSupport.projectSamples();
            List<String> expected = new ArrayList<>();
            for (String l : lines) {
                expected.add(describe(parse(l)));
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<List<String>>> futures = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    futures.add(pool.submit(() -> {
                        List<String> got = new ArrayList<>();
                        for (int round = 0; round < 20; round++) {
                            got.clear();
                            for (String l : lines) {
                                got.add(describe(parse(l)));
                            }
                        }
                        return got;
                    }));
                }
                for (Future<List<String>> f : futures) {
                    assertEquals(expected, f.get(), "results from concurrent threads");
                }
            } finally {
                pool.shutdownNow();
            }
        }

        /** A result without the event.ingested-independent parts that vary by call (none here). */
        private String describe(ParseResult r) {
            if (r instanceof ParseResult.Parsed p) {
                return p.events().get(0).fields().toString();
            }
            return r.toString();
        }
    }
}
