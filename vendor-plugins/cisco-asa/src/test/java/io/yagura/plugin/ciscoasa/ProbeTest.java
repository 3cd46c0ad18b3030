package io.yagura.plugin.ciscoasa;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.format.asa.AsaMarker;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProbeTest {

    /**
     * Lines of other vendors. The real ones are copied from Apache-2.0 projects (source named per
     * line); the last ones are composed generic lines.
     */
    static final List<String> OTHER_VENDORS = List.of(
            // splunk/splunk-connect-for-syslog@291da935/tests/test_fortinet_ngfw.py (Apache-2.0)
            "<111> Aug 17 00:00:00 fortigate date=2015-08-11 time=19:19:43 devname=Nosey devid=FG800C3912801080 logid=0004000017 type=traffic subtype=sniffer level=notice vd=root srcip=fe80::20c:29ff:fe77:20d4 srcintf=\"port3\" dstip=ff02::1:ff77:20d4 dstintf=\"port3\" sessionid=408903 proto=58 action=accept policyid=2 dstcountry=\"Reserved\" srccountry=\"Reserved\" trandisp=snat transip=:: transport=0 service=\"icmp6/131/0\" duration=36 sentbyte=0 rcvdbyte=40 sentpkt=0 rcvdpkt=0 appid=16321 app=\"IPv6.ICMP\" appcat=\"Network.Service\" apprisk=elevated applist=\"sniffer-profile\" appact=detected utmaction=allow countapp=1",
            // petabi/reproduce src/parser/security_log.rs test parse_fgt (Apache-2.0)
            "<185>date=2020-07-13 time=09:37:44 devname=\"Chamhosp_201E\" devid=\"FG201ETK19907629\" logid=\"0419016384\" type=\"utm\" subtype=\"ips\" eventtype=\"signature\" level=\"alert\" vd=\"root\" eventtime=1594600665469973652 tz=\"+0900\" severity=\"medium\" srcip=10.10.40.132 srccountry=\"Reserved\" dstip=10.10.40.245 srcintf=\"port13\" srcintfrole=\"undefined\" dstintf=\"port13\" dstintfrole=\"undefined\" sessionid=78411987 action=\"dropped\" proto=6 service=\"NBSS\" policyid=1 attack=\"MS.SMB.Server.Trans.Peeking.Data.Information.Disclosure\" srcport=62227 dstport=445 direction=\"outgoing\" attackid=43799 profile=\"sniffer-profile\" ref=\"http://www.fortinet.com/ids/VID43799\" incidentserialno=1038270373 msg=\"applications3: MS.SMB.Server.Trans.Peeking.Data.Information.Disclosure,\" crscore=10 craction=16384 crlevel=\"medium\"",
            // apache/metron@1252573e/metron-platform/metron-integration-test/src/main/sample/data/SampleInput/PaloaltoOutput (Apache-2.0)
            "<11>Jan  5 05:38:59 PAN1.exampleCustomer.com 1,2015/01/05 05:38:58,0006C110285,THREAT,vulnerability,1,2015/01/05 05:38:58,10.0.0.115,216.0.10.198,0.0.0.0,0.0.0.0,EX-Allow,example\\user.name,,web-browsing,vsys1,internal,external,ethernet1/2,ethernet1/1,LOG-Default,2015/01/05 05:38:58,12031,1,54180,80,0,0,0x80004000,tcp,reset-both,\"ad.aspx?f=300x250&id=12;tile=1;ord=67AF705D60B1119C0F18BEA336F9\",HTTP: IIS Denial Of Service Attempt(40019),any,high,client-to-server,347368099,0x0,10.0.0.0-10.255.255.255,US,0,,1200568889751109656,, ",
            // splunk/splunk-connect-for-syslog@291da935/tests/test_palo_alto.py (Apache-2.0)
            "<190>Oct 30 09:46:17 1,2012/10/30 09:46:17,01606001116,THREAT,url,1,2012/04/10 04:39:55,192.168.0.2,204.232.231.46,0.0.0.0,0.0.0.0,rule1,crusher,,web-browsing,vsys1,trust,untrust,ethernet1/2,ethernet1/1,forwardAll,2012/04/10 04:39:57,22860,1,59303,80,0,0,0x208000,tcp,alert,\"litetopdetect.cn/index.php\",(9999),not-resolved,informational,client-to-server,0,0x0,192.168.0.0-192.168.255.255,United States,0,text/html",
            // splunk/splunk-connect-for-syslog@291da935/tests/test_juniper_junos_rfc3164.py (Apache-2.0)
            "<23> Nov 18 09:56:58  INTERNET-ROUTER RT_FLOW: RT_FLOW_SESSION_CREATE: session created 192.168.1.102/58662->8.8.8.8/53 junos-dns-udp 68.144.1.1/55893->8.8.8.8/53 TRUST-INET-ACCESS None 17 OUTBOUND-INTERNET-ACCESS TRUST INTERNET 6316 N/A(N/A) vlan.192",
            // logstash-plugins/logstash-patterns-core@7f94275e/spec/patterns/junos_spec.rb (Apache-2.0)
            "Dec 17 08:05:30 RT_FLOW: RT_FLOW_SESSION_CLOSE: session closed TCP FIN: 10.10.10.2/53836->10.10.10.1/22 junos-ssh 10.10.10.2/53836->10.10.10.1/22 None None 6 log-host-traffic untrust junos-host 5 78(6657) 122(13305) 45 UNKNOWN UNKNOWN N/A(N/A) ge-0/0/1.0 No ",
            // composed generic lines
            "<13>Mar 12 10:00:00 web01 nginx: 203.0.113.5 - - \"GET /index.html HTTP/1.1\" 200 512",
            "<86>Mar 12 10:00:01 bastion sshd[2201]: Failed password for invalid user admin from 203.0.113.6 port 51000 ssh2",
            "<189>Mar 12 10:00:02 rtr-01: %SEC-6-IPACCESSLOGP: list 101 denied tcp 203.0.113.7(1234) -> 10.0.0.1(23), 1 packet",
            "<190>Mar 12 10:00:03 sw-01: %LINK-3-UPDOWN: Interface GigabitEthernet0/1, changed state to up",
            "CPU at 100% - %ASA is mentioned but no tag",
            "");

    @Test
    void refusesNull() {
        assertFalse(CiscoAsaProbe.probe(null), "null line");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "%ASA-6-302013: Built",
        "%ASA-session-6-302013: Built",
        "%ASA-vpn-4-402116: IPSEC",
        "%PIX-4-400013 IDS:2003 ICMP redirect",
        "<166>Mar 12 2024 10:00:00 fw : %ASA-4-106023: Deny",
        "%ASA-4-106023"})
    void acceptsTagForms(String line) {
        assertTrue(CiscoAsaProbe.probe(line), line);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "%ASA-4-1060",
        "%ASA-8-106023: level out of range",
        "%ASA-4-1060234: seven digits",
        "%ASA-4-10602x: not digits",
        "%ASA-4-106023x glued text",
        "%ASA--4-106023: empty facility",
        "%ASA-",
        "%FTD-1-430001: EventPriority: 1, DeviceUUID: x (Firepower event, not ASA engine)",
        "%FTD-6-302013: Built (FTD sends ASA-engine messages too: the cisco-firepower plugin's)",
        "<166>2024-03-12T10:20:00Z ftd-01 : %FTD-4-106023: Deny tcp src outside:203.0.113.5/4455 dst inside:10.0.0.5/22 by access-group \"outside_in\" [0x0, 0x0]",
        "%NGIPS-1-430002: EventPriority: Low, AccessControlRuleAction: Allow"})
    void refusesMalformedTagsAndFirepowerLines(String line) {
        assertFalse(CiscoAsaProbe.probe(line), line);
    }

    @Test
    void tagBeyondTheScanLimitIsNotSearched() {
        String line = "x".repeat(AsaMarker.SCAN_LIMIT) + " %ASA-4-106023: Deny";
        assertFalse(CiscoAsaProbe.probe(line));
    }
}
