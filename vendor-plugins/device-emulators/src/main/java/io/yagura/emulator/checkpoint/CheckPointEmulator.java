package io.yagura.emulator.checkpoint;

import static io.yagura.emulator.https.JsonValues.fields;

import io.yagura.emulator.https.EmulatedHttpsServer;
import io.yagura.emulator.https.JsonValues;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A Check Point management server's Web API ({@code POST /web_api/<command>}, JSON bodies,
 * session id in {@code X-chkp-sid}): login, logout, add-host, add-network, show-host,
 * show-network, delete-host, delete-network, set-group (members add/remove), show-group,
 * publish and install-policy (tasks), show-task, discard. Each session works on its own copy of
 * the database until it publishes; a policy installation copies the published database to the
 * gateways ({@link #installedGroupMembers}). Errors answer as the real server does:
 * {@code {"code":"generic_err_object_not_found","message":...}} (404), {@code err_login_failed}
 * and {@code generic_err_wrong_session_id} (401), {@code err_validation_failed} (400).
 *
 * <p>It starts as the customer leaves it after the one-time setup for Yagura: a group
 * {@value #GROUP} used by a drop rule of policy package {@value #PACKAGE} installed on gateway
 * {@value #GATEWAY}, and a host of the customer's own. Fault switches match "POST /web_api/publish"
 * etc.; a failing publish or install-policy gives a task that ends {@code failed} and changes
 * nothing; {@link #expireSessions} ends every session as the server's session timeout does.
 */
public final class CheckPointEmulator extends EmulatedHttpsServer {

    public static final String GROUP = "YAGURA-BLOCK";
    public static final String PACKAGE = "standard";
    public static final String GATEWAY = "gw1";

    private final String user;
    private final String password;
    private final AtomicInteger discards = new AtomicInteger();
    /** name → object (type host, network or group) */
    private Map<String, Map<String, Object>> published = new LinkedHashMap<>();
    private Map<String, Map<String, Object>> installed;
    private final Map<String, Map<String, Map<String, Object>>> sessions = new LinkedHashMap<>();
    private final Map<String, String> tasks = new LinkedHashMap<>();
    private volatile Pattern expiring;

    public CheckPointEmulator(String user, String password) throws IOException {
        super("checkpoint-emulator");
        this.user = user;
        this.password = password;
        published.put("customer-web", fields("name", "customer-web", "type", "host", "ipv4-address", "192.0.2.80"));
        published.put(GROUP, fields("name", GROUP, "type", "group", "members", new ArrayList<>(),
                "comments", "Yagura emergency blocks (drop rule in " + PACKAGE + ")"));
        installed = copy(published);
    }

    /** Members of {@value #GROUP} in the published database. */
    public synchronized List<String> publishedGroupMembers() {
        return members(published);
    }

    /** Members of {@value #GROUP} as the gateways enforce them (the last installed policy). */
    public synchronized List<String> installedGroupMembers() {
        return members(installed);
    }

    /** A published object's fields, or null. */
    public synchronized Map<String, Object> publishedObject(String name) {
        Map<String, Object> found = published.get(name);
        return found == null ? null : Map.copyOf(found);
    }

    /** Names of the published objects. */
    public synchronized List<String> publishedNames() {
        return List.copyOf(published.keySet());
    }

    /** How many times a session discarded its changes. */
    public int discards() {
        return discards.get();
    }

    /** Ends every session, as the server's session timeout does (their changes are dropped). */
    public synchronized void expireSessions() {
        sessions.clear();
    }

    /** Ends every session when a request matching {@code regex} ("POST /web_api/set-group") arrives; null to stop. */
    public void expireSessionsOn(String regex) {
        expiring = regex == null ? null : Pattern.compile(regex);
    }

    /** Sessions open now (a driver logs out when done). */
    public synchronized int openSessions() {
        return sessions.size();
    }

    @Override
    protected boolean carriesCredentials(Call call) {
        return call.header("X-chkp-sid") != null || call.body().contains("\"password\"")
                || call.body().contains("\"api-key\"");
    }

    @Override
    protected Reply failure(Call call) {
        String command = command(call);
        if (command.equals("publish") || command.equals("install-policy")) {
            return task("failed");
        }
        return error(400, "err_validation_failed", "Validation failed: " + command + " refused by the emulator");
    }

    @Override
    protected synchronized Reply handle(Call call) {
        String command = command(call);
        Map<String, Object> body;
        try {
            body = JsonValues.object(call.body());
        } catch (IllegalArgumentException e) {
            return error(400, "generic_err_invalid_syntax", e.getMessage());
        }
        if (command.equals("login")) {
            return login(body);
        }
        if (expiring != null && expiring.matcher(describe(call)).find()) {
            sessions.clear();
        }
        String sid = call.header("X-chkp-sid");
        Map<String, Map<String, Object>> db = sid == null ? null : sessions.get(sid);
        if (db == null) {
            return error(401, "generic_err_wrong_session_id", "Wrong session id. Session may be expired.");
        }
        return switch (command) {
            case "logout" -> {
                sessions.remove(sid);
                yield Reply.json(200, "{\"message\":\"OK\"}");
            }
            case "add-host", "add-network" -> add(db, body, command.substring(4));
            case "show-host", "show-network", "show-group" -> show(db, body, command.substring(5));
            case "delete-host", "delete-network" -> delete(db, body, command.substring(7));
            case "set-group" -> setGroup(db, body);
            case "publish" -> {
                published = copy(db);
                yield task("succeeded");
            }
            case "install-policy" -> installPolicy(body);
            case "show-task" -> showTask(body);
            case "discard" -> {
                int changes = db.equals(published) ? 0 : 1;
                sessions.put(sid, copy(published));
                discards.incrementAndGet();
                yield Reply.json(200, "{\"number-of-discarded-changes\":" + changes + "}");
            }
            default -> error(404, "generic_err_command_not_found", "Unknown command " + command);
        };
    }

    private Reply login(Map<String, Object> body) {
        if (faults().refusesLogins() || !user.equals(body.get("user")) || !password.equals(body.get("password"))) {
            return error(401, "err_login_failed", "Authentication to server failed.");
        }
        String sid = UUID.randomUUID().toString().replace("-", "");
        sessions.put(sid, copy(published));
        return Reply.json(200, JsonValues.write(fields("sid", sid, "session-timeout", 600L,
                "api-server-version", "1.9.1", "uid", UUID.randomUUID().toString())));
    }

    private Reply add(Map<String, Map<String, Object>> db, Map<String, Object> body, String type) {
        String name = (String) body.get("name");
        if (name == null || name.isBlank()) {
            return error(400, "generic_err_missing_required_parameters", "Missing parameter: [name]");
        }
        if (db.containsKey(name)) {
            return error(400, "err_validation_failed", "More than one object named '" + name + "' exists.");
        }
        Map<String, Object> created = new LinkedHashMap<>(body);
        created.put("type", type);
        created.put("uid", UUID.randomUUID().toString());
        db.put(name, created);
        return Reply.json(200, JsonValues.write(created));
    }

    private Reply show(Map<String, Map<String, Object>> db, Map<String, Object> body, String type) {
        Map<String, Object> found = db.get(String.valueOf(body.get("name")));
        if (found == null || !type.equals(found.get("type"))) {
            return notFound(body);
        }
        if (!type.equals("group")) {
            return Reply.json(200, JsonValues.write(found));
        }
        Map<String, Object> group = new LinkedHashMap<>(found);
        List<Object> members = new ArrayList<>();
        for (Object member : (List<?>) found.get("members")) {
            members.add(db.getOrDefault(member, fields("name", member)));
        }
        group.put("members", members);
        return Reply.json(200, JsonValues.write(group));
    }

    private Reply delete(Map<String, Map<String, Object>> db, Map<String, Object> body, String type) {
        String name = String.valueOf(body.get("name"));
        Map<String, Object> found = db.get(name);
        if (found == null || !type.equals(found.get("type"))) {
            return notFound(body);
        }
        boolean used = db.values().stream().anyMatch(o -> "group".equals(o.get("type"))
                && ((List<?>) o.get("members")).contains(name));
        if (used) {
            return error(400, "err_validation_failed", "Object " + name + " is used by a group");
        }
        db.remove(name);
        return Reply.json(200, "{\"message\":\"OK\"}");
    }

    @SuppressWarnings("unchecked")
    private Reply setGroup(Map<String, Map<String, Object>> db, Map<String, Object> body) {
        Map<String, Object> group = db.get(String.valueOf(body.get("name")));
        if (group == null || !"group".equals(group.get("type"))) {
            return notFound(body);
        }
        List<Object> members = new ArrayList<>((List<Object>) group.get("members"));
        Object change = body.get("members");
        if (change instanceof Map<?, ?> edits) {
            for (Object name : names(edits.get("add"))) {
                if (!db.containsKey(name)) {
                    return error(404, "generic_err_object_not_found", "Requested object [" + name + "] not found");
                }
                if (!members.contains(name)) {
                    members.add(name);
                }
            }
            members.removeAll(names(edits.get("remove")));
        } else if (change instanceof List<?> all) {
            members = new ArrayList<>(all);
        }
        Map<String, Object> changed = new LinkedHashMap<>(group);
        changed.put("members", members);
        db.put((String) group.get("name"), changed);
        return Reply.json(200, JsonValues.write(changed));
    }

    private Reply installPolicy(Map<String, Object> body) {
        if (!PACKAGE.equals(body.get("policy-package"))) {
            return error(404, "generic_err_object_not_found", "Requested object [" + body.get("policy-package")
                    + "] not found");
        }
        List<Object> targets = names(body.get("targets"));
        if (!targets.isEmpty() && !targets.equals(List.of(GATEWAY))) {
            return error(404, "generic_err_object_not_found", "Requested object [" + targets + "] not found");
        }
        installed = copy(published);
        return task("succeeded");
    }

    private Reply showTask(Map<String, Object> body) {
        String id = String.valueOf(body.get("task-id"));
        String status = tasks.get(id);
        if (status == null) {
            return notFound(body);
        }
        return Reply.json(200, JsonValues.write(fields("tasks", List.of(fields("task-id", id, "status", status,
                "progress-percentage", 100L, "task-details", List.of(fields("statusDescription",
                        status.equals("failed") ? "Operation failed on the management server" : "Done")))))));
    }

    private Reply task(String status) {
        String id = UUID.randomUUID().toString();
        tasks.put(id, status);
        return Reply.json(200, "{\"task-id\":\"" + id + "\"}");
    }

    private static List<Object> names(Object value) {
        return value == null ? List.of() : value instanceof List<?> list ? new ArrayList<>(list) : List.of(value);
    }

    private List<String> members(Map<String, Map<String, Object>> db) {
        return ((List<?>) db.get(GROUP).get("members")).stream().map(String::valueOf).toList();
    }

    private static Reply notFound(Map<String, Object> body) {
        return error(404, "generic_err_object_not_found", "Requested object [" + body.get("name")
                + body.getOrDefault("task-id", "") + "] not found");
    }

    private static Reply error(int status, String code, String message) {
        return Reply.json(status, JsonValues.write(fields("code", code, "message", message)));
    }

    private static String command(Call call) {
        return call.path().startsWith("/web_api/") ? call.path().substring("/web_api/".length()) : "";
    }

    private static Map<String, Map<String, Object>> copy(Map<String, Map<String, Object>> db) {
        Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
        db.forEach((name, object) -> {
            Map<String, Object> fields = new LinkedHashMap<>(object);
            if (fields.get("members") instanceof List<?> members) {
                fields.put("members", new ArrayList<>(members));
            }
            copy.put(name, fields);
        });
        return copy;
    }
}
