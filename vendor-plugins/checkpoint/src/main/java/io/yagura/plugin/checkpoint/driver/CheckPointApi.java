package io.yagura.plugin.checkpoint.driver;

import io.yagura.api.plugin.FirewallDriver.Failure;
import io.yagura.api.plugin.FirewallDriver.FirewallException;
import io.yagura.api.plugin.FirewallDriver.Target;
import io.yagura.device.http.DeviceAnswer;
import io.yagura.device.http.DeviceRequest;
import io.yagura.device.http.DeviceTasks;
import io.yagura.device.http.HttpsDevice;
import io.yagura.device.http.JsonText;
import io.yagura.format.json.Json;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A session with a Check Point management server's Web API ({@code POST /web_api/<command>}) for
 * one driver call: login with user and password (or an API key when the target has no user name),
 * the session id in {@code X-chkp-sid} (redacted from every message), every answer checked;
 * an error answer becomes REJECTED with the server's code and message. Changes stay private to
 * the session until {@link #publish}; {@link #close} logs out.
 */
final class CheckPointApi implements AutoCloseable {

    static final String NOT_FOUND = "generic_err_object_not_found";

    private final HttpsDevice device;
    private final String sid;
    private final Duration taskWait;

    private CheckPointApi(HttpsDevice device, String sid, Duration taskWait) {
        this.device = device;
        this.sid = sid;
        this.taskWait = taskWait;
    }

    static CheckPointApi login(Target target, Duration taskWait) throws FirewallException {
        HttpsDevice device = HttpsDevice.open(target);
        Map<String, Object> credentials = new LinkedHashMap<>();
        String secret = new String(target.secret().reveal());
        if (target.username() == null || target.username().isBlank()) {
            credentials.put("api-key", secret);
        } else {
            credentials.put("user", target.username());
            credentials.put("password", secret);
        }
        credentials.put("session-description", "Yagura emergency block");
        Map<String, Object> answer = check(device, "login",
                device.send(DeviceRequest.json("POST", "/web_api/login", JsonText.of(credentials))));
        String sid = Json.text(answer, "sid");
        if (sid == null || sid.isBlank()) {
            throw new FirewallException(Failure.AUTHENTICATION, device.name() + " gave no session id", null);
        }
        device.redact(sid);
        return new CheckPointApi(device, sid, taskWait);
    }

    HttpsDevice device() {
        return device;
    }

    /** Runs a command of the Web API. */
    Map<String, Object> call(String command, Map<String, Object> body) throws FirewallException {
        DeviceRequest request = DeviceRequest.json("POST", "/web_api/" + command, JsonText.of(body))
                .header("X-chkp-sid", sid);
        return check(device, command, device.send(request));
    }

    /** A {@code show-*} command; null when the object does not exist. */
    Map<String, Object> show(String command, String name) throws FirewallException {
        try {
            return call(command, Map.of("name", name, "details-level", "full"));
        } catch (FirewallException e) {
            if (e.getMessage().contains(NOT_FOUND)) {
                return null;
            }
            throw e;
        }
    }

    /** Publishes the session's changes and waits for the task; REJECTED when it fails. */
    String publish() throws FirewallException {
        return task("publish", call("publish", Map.of()));
    }

    /** Installs a policy package (access layer) and waits for the task; REJECTED when it fails. */
    String installPolicy(String policyPackage, List<String> targets) throws FirewallException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("policy-package", policyPackage);
        if (!targets.isEmpty()) {
            body.put("targets", targets);
        }
        body.put("access", true);
        body.put("threat-prevention", false);
        return task("install-policy " + policyPackage, call("install-policy", body));
    }

    /** Drops the session's unpublished changes. */
    void discard() throws FirewallException {
        call("discard", Map.of());
    }

    /** Logs out; a failure here changes nothing on the device (the session times out). */
    @Override
    public void close() {
        try {
            call("logout", Map.of());
        } catch (FirewallException e) {
            // the session ends by itself after its timeout; its changes were published or discarded before
        }
    }

    private String task(String what, Map<String, Object> started) throws FirewallException {
        String id = Json.text(started, "task-id");
        if (id == null) {
            throw new FirewallException(Failure.REJECTED, device.name() + ": " + what + " gave no task id", null);
        }
        return DeviceTasks.await(what + " task on " + device.name(), taskWait, () -> {
            List<Object> tasks = Json.list(call("show-task", Map.of("task-id", id)), "tasks");
            Object task = tasks == null || tasks.isEmpty() ? null : tasks.get(0);
            String status = Json.text(task, "status");
            if (status == null || status.equals("in progress")) {
                return null;
            }
            if (!status.equals("succeeded")) {
                throw new FirewallException(Failure.REJECTED, device.name() + ": " + what + " " + status + ": "
                        + device.excerpt(String.valueOf(Json.path(task, "task-details"))), null);
            }
            return what + " succeeded";
        });
    }

    private static Map<String, Object> check(HttpsDevice device, String command, DeviceAnswer answer)
            throws FirewallException {
        Map<String, Object> json = Json.DEFAULT.object(answer.body());
        if (answer.ok() && json != null) {
            return json;
        }
        String code = json == null ? null : Json.text(json, "code");
        String message = json == null ? answer.body() : Json.text(json, "message");
        throw new FirewallException(Failure.REJECTED, device.name() + " refused " + command + " (HTTP "
                + answer.status() + (code == null ? "" : ", " + code) + "): " + device.excerpt(message), null);
    }
}
