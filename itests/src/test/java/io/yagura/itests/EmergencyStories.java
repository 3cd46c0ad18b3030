package io.yagura.itests;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * The Emergency story of {@link EmergencyResponseIT} as each vendor's firewall logs it, on the
 * current clock (correlation runs on the devices' time): its IPS lets an exploit of an inside
 * host through with only an alert, and two seconds later the firewall allows a TCP connection
 * from that host to the attacker (the exploit's callback, rule {@code ids_attack_then_callback}).
 * The callback is an allowed TCP session with the attacker, the evidence an automatic block
 * needs. Line shapes are those of the labelled stories ({@code scenarios/stories}:
 * srx-idp-then-exfiltration, pa-exploit-alert-then-callback, checkpoint-ips-detect-then-callback,
 * fortigate-ips-then-reverse-shell), all in UTC.
 */
final class EmergencyStories {

    private static final DateTimeFormatter BSD = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter PAN = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private EmergencyStories() {
    }

    /** The story's lines for a vendor plugin id, the alert at {@code now} - 3 s and the callback at - 1 s. */
    static List<String> lines(String vendor, String attacker, String victim, Instant now) {
        Instant alert = now.truncatedTo(ChronoUnit.SECONDS).minusSeconds(3);
        Instant callback = alert.plusSeconds(2);
        return switch (vendor) {
            case "juniper-srx" -> srx(attacker, victim, alert, callback);
            case "paloalto" -> panos(attacker, victim, alert, callback);
            case "checkpoint" -> checkpoint(attacker, victim, alert, callback);
            case "fortinet" -> fortigate(attacker, victim, alert, callback);
            default -> throw new IllegalArgumentException("no Emergency story for " + vendor);
        };
    }

    private static List<String> srx(String attacker, String victim, Instant alert, Instant callback) {
        return List.of("<165>1 " + alert + " srx-edge1 RT_IDP - IDP_ATTACK_LOG_EVENT [junos@2636.1.1.1.2.135"
                + " epoch-time=\"" + alert.getEpochSecond() + "\" message-type=\"SIG\" source-address=\"" + attacker
                + "\" source-port=\"41114\" destination-address=\"" + victim + "\" destination-port=\"443\""
                + " protocol-name=\"TCP\" service-name=\"SERVICE_IDP\" application-name=\"HTTP\" rule-name=\"9\""
                + " rulebase-name=\"IPS\" policy-name=\"Recommended\" export-id=\"15229\" repeat-count=\"0\""
                + " action=\"NONE\" threat-severity=\"CRITICAL\" attack-name=\"HTTP:SQL:INJ:MOVEIT-TRANSFER\""
                + " nat-source-address=\"0.0.0.0\" nat-source-port=\"0\" nat-destination-address=\"0.0.0.0\""
                + " nat-destination-port=\"0\" elapsed-time=\"0\" inbound-bytes=\"0\" outbound-bytes=\"0\""
                + " inbound-packets=\"0\" outbound-packets=\"0\" source-zone-name=\"untrust\""
                + " source-interface-name=\"ge-0/0/0.0\" destination-zone-name=\"trust\""
                + " destination-interface-name=\"ge-0/0/1.0\" packet-log-id=\"0\" alert=\"no\" username=\"N/A\""
                + " roles=\"N/A\" message=\"-\"]",
                "<14>1 " + callback + " srx-edge1 RT_FLOW - RT_FLOW_SESSION_CREATE [junos@2636.1.1.1.2.129"
                + " source-address=\"" + victim + "\" source-port=\"50109\" destination-address=\"" + attacker
                + "\" destination-port=\"4444\" connection-tag=\"0\" service-name=\"junos-tcp-any\""
                + " nat-source-address=\"" + victim + "\" nat-source-port=\"50109\" nat-destination-address=\""
                + attacker + "\" nat-destination-port=\"4444\" nat-connection-tag=\"0\" src-nat-rule-type=\"N/A\""
                + " src-nat-rule-name=\"N/A\" dst-nat-rule-type=\"N/A\" dst-nat-rule-name=\"N/A\" protocol-id=\"6\""
                + " policy-name=\"allow-out\" source-zone-name=\"trust\" destination-zone-name=\"untrust\""
                + " session-id=\"1125402127\" username=\"N/A\" roles=\"N/A\""
                + " packet-incoming-interface=\"ge-0/0/1.0\" application=\"UNKNOWN\" nested-application=\"UNKNOWN\""
                + " encrypted=\"No\" application-category=\"N/A\" application-sub-category=\"N/A\""
                + " application-risk=\"-1\" application-characteristics=\"N/A\"]");
    }

    private static List<String> panos(String attacker, String victim, Instant alert, Instant callback) {
        String a = PAN.format(alert);
        String c = PAN.format(callback);
        return List.of("<12>" + BSD.format(alert) + " PA-EDGE 1," + a + ",013101001234,THREAT,vulnerability,1," + a
                + "," + attacker + "," + victim + ",0.0.0.0,0.0.0.0,EX-Allow,,,web-browsing,vsys1,untrust,dmz,"
                + "ethernet1/1,ethernet1/2,LOG-Default," + a + ",44183,1,41001,80,0,0,0x80004000,tcp,alert,\"\","
                + "Apache Log4j Remote Code Execution Vulnerability(91991),any,critical,client-to-server,724178,0x0,"
                + "Unknown,Unknown,0,,1200515273392656547,,",
                "<14>" + BSD.format(callback) + " PA-EDGE 1," + c + ",013101001234,TRAFFIC,start,1," + c + "," + victim
                + "," + attacker + ",0.0.0.0,0.0.0.0,DMZ-out,,,unknown-tcp,vsys1,dmz,untrust,ethernet1/2,ethernet1/1,"
                + "LOG-Default," + c + ",34103936,1,50433,4444,0,0,0x401c,tcp,allow,2000,800,1200,12," + c
                + ",0,any,0,17754932047,0x0,Unknown,Unknown,0,6,6");
    }

    private static List<String> checkpoint(String attacker, String victim, Instant alert, Instant callback) {
        String header = " cpgw-edge01 CheckPoint 3512 - [";
        String origin = "origin:\"192.0.2.1\"; originsicname:\"CN=cpgw-edge01,O=mgmt-a.example.com.7h3k2j\"; ";
        return List.of("<129>1 " + alert + header + "action:\"Detect\"; flags:\"444676\"; ifdir:\"inbound\";"
                + " ifname:\"eth0\"; " + origin + "time:\"" + alert.getEpochSecond() + "\"; version:\"5\";"
                + " attack:\"Web Server Enforcement Violation\";"
                + " attack_info:\"Apache Log4j Remote Code Execution (CVE-2021-44228)\"; confidence_level:\"5\";"
                + " dst:\"" + victim + "\"; layer_name:\"Corp_Policy Threat Prevention\"; performance_impact:\"2\";"
                + " product:\"IPS\"; protection_name:\"Apache Log4j Remote Code Execution (CVE-2021-44228)\";"
                + " protection_type:\"IPS\"; proto:\"6\"; rule_name:\"TP Strict\"; s_port:\"41107\";"
                + " service:\"8080\"; severity:\"Critical\"; src:\"" + attacker + "\"]",
                "<134>1 " + callback + header + "action:\"Accept\"; flags:\"400644\"; ifdir:\"outbound\";"
                + " ifname:\"eth1\"; logid:\"0\"; " + origin + "time:\"" + callback.getEpochSecond() + "\";"
                + " version:\"5\"; dst:\"" + attacker + "\"; inzone:\"Internal\"; layer_name:\"Network\";"
                + " rule_action:\"Accept\"; rule_name:\"DMZ out\"; outzone:\"External\";"
                + " product:\"VPN-1 & FireWall-1\"; proto:\"6\"; s_port:\"50107\"; service:\"1389\";"
                + " src:\"" + victim + "\"]");
    }

    private static List<String> fortigate(String attacker, String victim, Instant alert, Instant callback) {
        String device = "devname=\"FGT-HQ\" devid=\"FGT60FTK2209A0B1\" tz=\"+0000\" ";
        return List.of("<189>date=" + DATE.format(alert) + " time=" + TIME.format(alert) + " " + device
                + "logid=\"0419016384\" type=\"utm\" subtype=\"ips\" eventtype=\"signature\" level=\"alert\""
                + " vd=\"root\" severity=\"critical\" srcip=" + attacker + " srcport=41110 srcintf=\"wan1\" dstip="
                + victim + " dstport=8090 dstintf=\"dmz\" sessionid=4412001 action=\"detected\" proto=6"
                + " service=\"HTTP\" policyid=5 attack=\"Atlassian.Confluence.OGNL.Injection.Remote.Code.Execution\""
                + " attackid=51006 profile=\"default\" direction=\"outgoing\""
                + " msg=\"web_app3: Atlassian.Confluence.OGNL.Injection.Remote.Code.Execution,\"",
                "<189>date=" + DATE.format(callback) + " time=" + TIME.format(callback) + " " + device
                + "logid=\"0000000013\" type=\"traffic\" subtype=\"forward\" level=\"notice\" vd=\"root\" srcip="
                + victim + " srcport=50110 srcintf=\"dmz\" dstip=" + attacker + " dstport=4444 dstintf=\"wan1\""
                + " sessionid=4410232 proto=6 action=\"accept\" policyid=7 policyname=\"DMZ-to-Internet\""
                + " service=\"tcp/4444\" duration=12 sentbyte=5400 rcvdbyte=21000 sentpkt=18 rcvdpkt=20");
    }
}
