package io.yagura.plugin.fortinet.driver;

import io.yagura.api.plugin.FirewallDriver.Failure;
import io.yagura.api.plugin.FirewallDriver.FirewallException;
import io.yagura.api.plugin.FirewallDriver.Target;
import io.yagura.device.http.DeviceAnswer;
import io.yagura.device.http.DeviceRequest;
import io.yagura.device.http.HttpsDevice;
import io.yagura.device.http.JsonText;
import io.yagura.format.json.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * FortiOS REST API calls ({@code /api/v2/cmdb/firewall/...}) for one driver call: the API token
 * in the {@code Authorization: Bearer} header, the VDOM as a parameter, every answer's
 * {@code status} checked; an error answer becomes REJECTED with FortiOS's error code.
 */
final class FortiGateApi {

    /** FortiOS error codes the driver expects and handles. */
    static final long NOT_FOUND = -3;
    static final long DUPLICATE = -5;

    private static final String CMDB = "/api/v2/cmdb/firewall/";
    private static final String BANNED = "/api/v2/monitor/user/banned";

    private final HttpsDevice device;
    private final String token;
    private final String vdom;

    private FortiGateApi(HttpsDevice device, String token, String vdom) {
        this.device = device;
        this.token = token;
        this.vdom = vdom;
    }

    static FortiGateApi open(Target target, String vdom) throws FirewallException {
        return new FortiGateApi(HttpsDevice.open(target), new String(target.secret().reveal()), vdom);
    }

    HttpsDevice device() {
        return device;
    }

    /** The object at {@code table/name}, or null when FortiOS says it does not exist. */
    Map<String, Object> find(String table, String name) throws FirewallException {
        List<Object> results = Json.list(call("GET", table + "/" + segment(name), null, NOT_FOUND), "results");
        return results == null || results.isEmpty() ? null : Json.map(results.get(0));
    }

    /** Every object of {@code table}. */
    List<Object> all(String table) throws FirewallException {
        List<Object> results = Json.list(call("GET", table, null), "results");
        return results == null ? List.of() : results;
    }

    /** Creates an object; one of the same name (left by an earlier attempt) is updated instead. */
    void create(String table, String name, Map<String, Object> fields) throws FirewallException {
        Map<String, Object> answer = call("POST", table, fields, DUPLICATE);
        if (error(answer) == DUPLICATE) {
            call("PUT", table + "/" + segment(name), fields);
        }
    }

    /** Deletes an object; one that is not there is fine. */
    void delete(String table, String name) throws FirewallException {
        call("DELETE", table + "/" + segment(name), null, NOT_FOUND);
    }

    /** Adds a member to an address group; one that is already a member is fine. */
    void addMember(String groupTable, String group, String member) throws FirewallException {
        call("POST", groupTable + "/" + segment(group) + "/member", Map.of("name", member), DUPLICATE);
    }

    /** Removes a member from an address group; one that is not a member is fine. */
    void removeMember(String groupTable, String group, String member) throws FirewallException {
        call("DELETE", groupTable + "/" + segment(group) + "/member/" + segment(member), null, NOT_FOUND);
    }

    /** The quarantine (banned IP list): each entry's {@code ipv4_address} or {@code ipv6_address}. */
    List<Object> banned() throws FirewallException {
        List<Object> results = Json.list(send("GET", BANNED, null), "results");
        return results == null ? List.of() : results;
    }

    /** Quarantines addresses for {@code seconds} (FortiOS lifts the ban itself then). */
    void ban(List<String> addresses, long seconds) throws FirewallException {
        send("POST", BANNED + "/add_users", Map.of("ip_addresses", addresses, "expiry", seconds));
    }

    /** Lifts the quarantine of addresses; one that is not quarantined is fine. */
    void unban(List<String> addresses) throws FirewallException {
        send("POST", BANNED + "/clear_users", Map.of("ip_addresses", addresses));
    }

    private Map<String, Object> call(String method, String path, Map<String, Object> body, long... accepted)
            throws FirewallException {
        return send(method, CMDB + path, body, accepted);
    }

    private Map<String, Object> send(String method, String path, Map<String, Object> body, long... accepted)
            throws FirewallException {
        String pathAndQuery = path + "?vdom=" + URLEncoder.encode(vdom, StandardCharsets.UTF_8);
        DeviceRequest request = body == null ? new DeviceRequest(method, pathAndQuery, Map.of(), null, null)
                : DeviceRequest.json(method, pathAndQuery, JsonText.of(body));
        DeviceAnswer answer = device.send(request.header("Authorization", "Bearer " + token));
        Map<String, Object> json = Json.DEFAULT.object(answer.body());
        if (json == null) {
            throw new FirewallException(Failure.REJECTED, device.name() + " answered " + request + " with HTTP "
                    + answer.status() + " and no FortiOS JSON: " + device.excerpt(answer.body()), null);
        }
        if ("success".equals(Json.text(json, "status"))) {
            return json;
        }
        long error = error(json);
        for (long expected : accepted) {
            if (error == expected) {
                return json;
            }
        }
        throw new FirewallException(Failure.REJECTED, device.name() + " refused " + request + " (HTTP "
                + answer.status() + ", FortiOS error " + error + ")", null);
    }

    private static long error(Map<String, Object> answer) {
        Long error = Json.integer(answer, "error");
        return error == null ? 0 : error;
    }

    /** Object names go into the path: encoded, so no name can reach another resource. */
    private static String segment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
