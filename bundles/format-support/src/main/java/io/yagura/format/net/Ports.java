package io.yagura.format.net;

import java.util.Locale;
import java.util.Map;

/** Port numbers from digits or the service names devices print instead ("ssh", "www", "https"). */
public final class Ports {

    /** IANA service names as Cisco, Juniper and Check Point print them. */
    private static final Map<String, Long> SERVICES = Map.ofEntries(
            Map.entry("echo", 7L), Map.entry("discard", 9L), Map.entry("daytime", 13L),
            Map.entry("chargen", 19L), Map.entry("ftp-data", 20L), Map.entry("ftp", 21L),
            Map.entry("ssh", 22L), Map.entry("telnet", 23L), Map.entry("smtp", 25L),
            Map.entry("whois", 43L), Map.entry("tacacs", 49L), Map.entry("domain", 53L),
            Map.entry("dns", 53L), Map.entry("bootps", 67L), Map.entry("bootpc", 68L), Map.entry("tftp", 69L),
            Map.entry("gopher", 70L), Map.entry("finger", 79L), Map.entry("http", 80L),
            Map.entry("www", 80L), Map.entry("kerberos", 88L), Map.entry("pop2", 109L),
            Map.entry("pop3", 110L), Map.entry("sunrpc", 111L), Map.entry("ident", 113L),
            Map.entry("nntp", 119L), Map.entry("ntp", 123L), Map.entry("netbios-ns", 137L),
            Map.entry("netbios-dgm", 138L), Map.entry("netbios-ssn", 139L), Map.entry("imap4", 143L),
            Map.entry("imap", 143L), Map.entry("snmp", 161L), Map.entry("snmptrap", 162L), Map.entry("xdmcp", 177L),
            Map.entry("bgp", 179L), Map.entry("irc", 194L), Map.entry("ldap", 389L),
            Map.entry("https", 443L), Map.entry("microsoft-ds", 445L), Map.entry("smb", 445L),
            Map.entry("isakmp", 500L), Map.entry("biff", 512L),
            Map.entry("exec", 512L), Map.entry("login", 513L), Map.entry("who", 513L),
            Map.entry("cmd", 514L), Map.entry("rsh", 514L), Map.entry("syslog", 514L),
            Map.entry("lpd", 515L), Map.entry("talk", 517L), Map.entry("rip", 520L),
            Map.entry("uucp", 540L), Map.entry("klogin", 543L), Map.entry("kshell", 544L),
            Map.entry("rtsp", 554L), Map.entry("ldaps", 636L), Map.entry("lotusnotes", 1352L),
            Map.entry("ms-sql-s", 1433L), Map.entry("citrix-ica", 1494L), Map.entry("sqlnet", 1521L),
            Map.entry("radius", 1645L), Map.entry("radius-acct", 1646L), Map.entry("h323", 1720L),
            Map.entry("pptp", 1723L), Map.entry("nfs", 2049L), Map.entry("ctiqbe", 2748L),
            Map.entry("cifs", 3020L), Map.entry("mysql", 3306L), Map.entry("ms-wbt-server", 3389L),
            Map.entry("rdp", 3389L), Map.entry("sip", 5060L), Map.entry("aol", 5190L),
            Map.entry("pcanywhere-data", 5631L));

    private Ports() {
    }

    /** Port 0-65535 from digits or a known service name; null otherwise. */
    public static Long port(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String t = text.trim();
        if (Numbers.isDigits(t)) {
            if (t.length() > 5) {
                return null;
            }
            long v = Long.parseLong(t);
            return v <= 65_535 ? v : null;
        }
        return SERVICES.get(t.toLowerCase(Locale.ROOT));
    }

    /** True when a port token is a service name ("ssh"), which then also names the application protocol. */
    public static boolean isServiceName(String text) {
        return text != null && !text.isEmpty() && !Numbers.isDigits(text)
                && SERVICES.containsKey(text.toLowerCase(Locale.ROOT));
    }
}
