package io.yagura.emulator.fortigate;

import static io.yagura.emulator.https.JsonValues.fields;

import io.yagura.emulator.https.EmulatedHttpsServer;
import io.yagura.emulator.https.JsonValues;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A FortiGate's REST API for firewall addresses and address groups, in VDOM {@code root}:
 * {@code /api/v2/cmdb/firewall/{address,address6,addrgrp,addrgrp6}[/NAME[/member[/MEMBER]]]}
 * with GET, POST, PUT and DELETE, the API token in {@code Authorization: Bearer} (or the
 * {@code access_token} parameter), answers with {@code status}, {@code http_status} and FortiOS
 * error codes (-3 not found, -5 duplicate, -23 still used by a group, 401 for a bad token).
 * Changes take effect at once (FortiOS has no commit). The quarantine (banned IP list) of the
 * monitor API: {@code GET /api/v2/monitor/user/banned}, {@code POST
 * /api/v2/monitor/user/banned/add_users} ({@code ip_addresses}, {@code expiry} in seconds) and
 * {@code POST /api/v2/monitor/user/banned/clear_users} ({@code ip_addresses}).
 *
 * <p>It starts as the customer leaves it after the one-time setup for Yagura: groups
 * {@value #GROUP} and {@value #GROUP6} (holding FortiOS's placeholder address {@code none}) used
 * by a deny policy, beside an address object of the customer's own. Fault switches match
 * "METHOD /path", e.g. "POST /api/v2/cmdb/firewall/addrgrp/YAGURA-BLOCK/member".
 */
public final class FortiGateEmulator extends EmulatedHttpsServer {

    public static final String GROUP = "YAGURA-BLOCK";
    public static final String GROUP6 = "YAGURA-BLOCK6";

    private static final Pattern PATH = Pattern.compile(
            "/api/v2/cmdb/firewall/(address|address6|addrgrp|addrgrp6)(?:/([^/]+)(?:/(member)(?:/([^/]+))?)?)?/?");

    private static final String BANNED = "/api/v2/monitor/user/banned";

    private final String token;
    /** quarantined address → its entry as the monitor API shows it */
    private final Map<String, Map<String, Object>> banned = new LinkedHashMap<>();
    /** table → object name → object (fields as FortiOS shows them) */
    private final Map<String, Map<String, Map<String, Object>>> tables = new LinkedHashMap<>();

    public FortiGateEmulator(String token) throws IOException {
        super("fortigate-emulator");
        this.token = token;
        for (String table : List.of("address", "address6", "addrgrp", "addrgrp6")) {
            tables.put(table, new LinkedHashMap<>());
        }
        put("address", fields("name", "none", "type", "ipmask", "subnet", "0.0.0.0 0.0.0.0"));
        put("address", fields("name", "customer-web", "type", "ipmask", "subnet", "192.0.2.80 255.255.255.255"));
        put("address6", fields("name", "none", "ip6", "::/128"));
        put("addrgrp", fields("name", GROUP, "member", members("none"), "comment", "Yagura emergency blocks"));
        put("addrgrp6", fields("name", GROUP6, "member", members("none"), "comment", "Yagura emergency blocks"));
    }

    /** IPv4 addresses: name → subnet as FortiOS shows it ("203.0.113.5 255.255.255.255"). */
    public synchronized Map<String, String> addresses() {
        return column("address", "subnet");
    }

    /** IPv6 addresses: name → ip6 ("2001:db8::7/128"). */
    public synchronized Map<String, String> addresses6() {
        return column("address6", "ip6");
    }

    /** Member names of an address group (addrgrp or addrgrp6). */
    @SuppressWarnings("unchecked")
    public synchronized List<String> groupMembers(String table, String group) {
        Map<String, Object> found = tables.get(table).get(group);
        return found == null ? List.of() : ((List<Map<String, Object>>) found.get("member")).stream()
                .map(m -> (String) m.get("name")).toList();
    }

    /** Quarantined (banned) addresses → seconds left when banned (0: indefinitely). */
    public synchronized Map<String, Long> quarantined() {
        Map<String, Long> found = new LinkedHashMap<>();
        banned.forEach((ip, entry) -> found.put(ip, (Long) entry.get("expiry_seconds")));
        return found;
    }

    /** The comment of an address object, or null. */
    public synchronized String comment(String table, String name) {
        Map<String, Object> found = tables.get(table).get(name);
        return found == null ? null : (String) found.get("comment");
    }

    @Override
    protected boolean carriesCredentials(Call call) {
        return call.header("Authorization") != null || call.parameter("access_token") != null;
    }

    @Override
    protected Reply failure(Call call) {
        return answer(500, -1, call.method(), null);
    }

    @Override
    protected synchronized Reply handle(Call call) {
        String bearer = call.header("Authorization");
        String given = bearer != null && bearer.startsWith("Bearer ") ? bearer.substring(7) : call.parameter("access_token");
        if (faults().refusesLogins() || !token.equals(given)) {
            return Reply.json(401, "{\"http_status\":401,\"status\":\"error\"}");
        }
        String vdom = call.parameter("vdom") == null ? "root" : call.parameter("vdom");
        if (!"root".equals(vdom)) {
            return answer(404, -3, call.method(), null);
        }
        if (call.path().startsWith(BANNED)) {
            return banned(call, call.path().substring(BANNED.length()));
        }
        Matcher m = PATH.matcher(call.path());
        if (!m.matches()) {
            return answer(404, -3, call.method(), null);
        }
        try {
            return m.group(3) == null ? table(call, m.group(1), m.group(2))
                    : member(call, m.group(1), m.group(2), m.group(4));
        } catch (IllegalArgumentException e) {
            return answer(400, -651, call.method(), null);
        }
    }

    private Reply table(Call call, String table, String name) {
        Map<String, Map<String, Object>> objects = tables.get(table);
        switch (call.method()) {
            case "GET" -> {
                if (name == null) {
                    return results(new ArrayList<>(objects.values()));
                }
                return objects.containsKey(name) ? results(List.of(objects.get(name))) : answer(404, -3, "GET", null);
            }
            case "POST" -> {
                Map<String, Object> body = JsonValues.object(call.body());
                String key = (String) body.get("name");
                if (key == null || key.isBlank()) {
                    return answer(500, -651, "POST", null);
                }
                if (objects.containsKey(key)) {
                    return answer(500, -5, "POST", key);
                }
                Map<String, Object> created = normalized(table, body);
                if (created == null) {
                    return answer(500, -651, "POST", key);
                }
                objects.put(key, created);
                return answer(200, 0, "POST", key);
            }
            case "PUT" -> {
                if (name == null || !objects.containsKey(name)) {
                    return answer(404, -3, "PUT", name);
                }
                Map<String, Object> merged = new LinkedHashMap<>(objects.get(name));
                merged.putAll(JsonValues.object(call.body()));
                merged.put("name", name);
                Map<String, Object> changed = normalized(table, merged);
                if (changed == null) {
                    return answer(500, -651, "PUT", name);
                }
                objects.put(name, changed);
                return answer(200, 0, "PUT", name);
            }
            case "DELETE" -> {
                if (name == null || !objects.containsKey(name)) {
                    return answer(404, -3, "DELETE", name);
                }
                if (usedByGroup(table, name)) {
                    return answer(500, -23, "DELETE", name);
                }
                objects.remove(name);
                return answer(200, 0, "DELETE", name);
            }
            default -> {
                return answer(405, -1, call.method(), name);
            }
        }
    }

    private Reply banned(Call call, String action) {
        switch (call.method() + " " + action) {
            case "GET ", "GET /" -> {
                return results(new ArrayList<>(banned.values()));
            }
            case "POST /add_users", "POST /clear_users" -> {
                Map<String, Object> body = JsonValues.object(call.body());
                Object list = body.get("ip_addresses");
                if (!(list instanceof List<?> ips) || ips.isEmpty()
                        || ips.stream().anyMatch(ip -> !String.valueOf(ip).matches("[0-9a-fA-F:.]+"))) {
                    return answer(400, -651, "POST", null);
                }
                for (Object ip : ips) {
                    String address = String.valueOf(ip);
                    if (action.equals("/clear_users")) {
                        banned.remove(address);
                    } else {
                        long expiry = body.get("expiry") instanceof Number n ? n.longValue() : 0;
                        banned.put(address, fields(address.contains(":") ? "ipv6_address" : "ipv4_address", address,
                                "source", "rest_api", "expiry_seconds", expiry));
                    }
                }
                return answer(200, 0, "POST", null);
            }
            default -> {
                return answer(404, -3, call.method(), null);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Reply member(Call call, String table, String group, String memberName) {
        if (!table.startsWith("addrgrp") || !tables.get(table).containsKey(group)) {
            return answer(404, -3, call.method(), group);
        }
        List<Map<String, Object>> members = (List<Map<String, Object>>) tables.get(table).get(group).get("member");
        switch (call.method()) {
            case "GET" -> {
                return results(new ArrayList<>(members));
            }
            case "POST" -> {
                String name = (String) JsonValues.object(call.body()).get("name");
                String addressTable = table.equals("addrgrp") ? "address" : "address6";
                if (name == null || !tables.get(addressTable).containsKey(name)) {
                    return answer(500, -3, "POST", name);
                }
                if (members.stream().anyMatch(member -> name.equals(member.get("name")))) {
                    return answer(500, -5, "POST", name);
                }
                members.add(fields("name", name));
                return answer(200, 0, "POST", name);
            }
            case "DELETE" -> {
                if (memberName == null || !members.removeIf(member -> memberName.equals(member.get("name")))) {
                    return answer(404, -3, "DELETE", memberName);
                }
                return answer(200, 0, "DELETE", memberName);
            }
            default -> {
                return answer(405, -1, call.method(), memberName);
            }
        }
    }

    /** The object as FortiOS keeps it (IPv4 CIDR written as address and mask), or null when invalid. */
    private static Map<String, Object> normalized(String table, Map<String, Object> body) {
        Map<String, Object> object = new LinkedHashMap<>(body);
        if (table.equals("address")) {
            String subnet = String.valueOf(object.getOrDefault("subnet", "0.0.0.0 0.0.0.0"));
            String[] parts = subnet.split("[/ ]");
            if (parts.length != 2 || !parts[0].matches("[0-9.]+")) {
                return null;
            }
            String mask = parts[1].contains(".") ? parts[1] : mask(Integer.parseInt(parts[1]));
            object.put("subnet", parts[0] + " " + mask);
            object.putIfAbsent("type", "ipmask");
        } else if (table.equals("address6")) {
            String ip6 = String.valueOf(object.getOrDefault("ip6", "::/0"));
            if (!ip6.matches("[0-9a-fA-F:]+/[0-9]{1,3}")) {
                return null;
            }
        } else {
            object.putIfAbsent("member", new ArrayList<>());
            object.put("member", new ArrayList<>((List<?>) object.get("member")));
        }
        return object;
    }

    @SuppressWarnings("unchecked")
    private boolean usedByGroup(String table, String name) {
        String groups = table.equals("address") ? "addrgrp" : table.equals("address6") ? "addrgrp6" : null;
        return groups != null && tables.get(groups).values().stream().anyMatch(group ->
                ((List<Map<String, Object>>) group.get("member")).stream().anyMatch(m -> name.equals(m.get("name"))));
    }

    private Map<String, String> column(String table, String field) {
        Map<String, String> found = new LinkedHashMap<>();
        tables.get(table).forEach((name, object) -> found.put(name, (String) object.get(field)));
        return found;
    }

    private void put(String table, Map<String, Object> object) {
        tables.get(table).put((String) object.get("name"), object);
    }

    private static Reply results(List<Object> results) {
        Map<String, Object> answer = envelope("GET", 200);
        answer.put("results", results);
        answer.put("status", "success");
        return Reply.json(200, JsonValues.write(answer));
    }

    private static Reply answer(int httpStatus, int error, String method, String key) {
        Map<String, Object> answer = envelope(method, httpStatus);
        if (key != null) {
            answer.put("mkey", key);
        }
        answer.put("status", error == 0 ? "success" : "error");
        if (error != 0) {
            answer.put("error", (long) error);
        }
        return Reply.json(httpStatus, JsonValues.write(answer));
    }

    private static Map<String, Object> envelope(String method, int httpStatus) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("http_method", method);
        answer.put("vdom", "root");
        answer.put("http_status", (long) httpStatus);
        answer.put("serial", "FGVMEVEMULATOR01");
        answer.put("version", "v7.2.8");
        return answer;
    }

    private static List<Object> members(String... names) {
        List<Object> members = new ArrayList<>();
        for (String name : names) {
            members.add(fields("name", name));
        }
        return members;
    }

    private static String mask(int prefix) {
        long bits = prefix == 0 ? 0 : 0xFFFFFFFFL << (32 - prefix) & 0xFFFFFFFFL;
        return (bits >> 24 & 255) + "." + (bits >> 16 & 255) + "." + (bits >> 8 & 255) + "." + (bits & 255);
    }
}
