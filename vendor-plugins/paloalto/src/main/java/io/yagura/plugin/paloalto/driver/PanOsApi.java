package io.yagura.plugin.paloalto.driver;

import io.yagura.api.plugin.FirewallDriver.Failure;
import io.yagura.api.plugin.FirewallDriver.FirewallException;
import io.yagura.api.plugin.FirewallDriver.Target;
import io.yagura.device.http.DeviceAnswer;
import io.yagura.device.http.DeviceRequest;
import io.yagura.device.http.DeviceTasks;
import io.yagura.device.http.HttpsDevice;
import io.yagura.device.http.XmlText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * One session with a PAN-OS XML API ({@code /api/}) for one driver call: the API key (from
 * {@code type=keygen} when the target has a user name, else the target's secret is the key) goes
 * in the {@code X-PAN-KEY} header, never in a URL; every answer's {@code status} is checked and
 * an error answer becomes REJECTED with the device's message.
 */
final class PanOsApi {

    private static final String API = "/api/";

    private final HttpsDevice device;
    private final String admin;
    private final String key;
    private final Duration commitWait;

    private PanOsApi(HttpsDevice device, String admin, String key, Duration commitWait) {
        this.device = device;
        this.admin = admin;
        this.key = key;
        this.commitWait = commitWait;
    }

    static PanOsApi login(Target target, Duration commitWait) throws FirewallException {
        HttpsDevice device = HttpsDevice.open(target);
        String user = target.username();
        if (user == null || user.isBlank()) {
            return new PanOsApi(device, null, new String(target.secret().reveal()), commitWait);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("type", "keygen");
        form.put("user", user);
        form.put("password", new String(target.secret().reveal()));
        Element result = check(device, "keygen", device.send(DeviceRequest.form(API, form)));
        String key = text(result, "key");
        if (key == null || key.isBlank()) {
            throw new FirewallException(Failure.AUTHENTICATION, device.name() + " gave no API key for user " + user, null);
        }
        device.redact(key);
        return new PanOsApi(device, user, key, commitWait);
    }

    HttpsDevice device() {
        return device;
    }

    /** {@code type=config&action=get|show}: the node at {@code xpath} (candidate or running), or null. */
    Element read(String action, String xpath) throws FirewallException {
        Element result = call("config " + action, Map.of("type", "config", "action", action, "xpath", xpath));
        List<Element> nodes = elements(result);
        return nodes.isEmpty() ? null : nodes.get(0);
    }

    /** {@code type=config&action=set}: merges {@code element} into the candidate at {@code xpath}. */
    void set(String xpath, String element) throws FirewallException {
        call("config set", Map.of("type", "config", "action", "set", "xpath", xpath, "element", element));
    }

    /** {@code type=config&action=delete}: removing what is not there succeeds. */
    void delete(String xpath) throws FirewallException {
        call("config delete", Map.of("type", "config", "action", "delete", "xpath", xpath));
    }

    /**
     * Commits this administrator's changes (a partial commit, so that changes another
     * administrator left in the candidate are not pushed by Yagura; all changes when logged in by
     * key only) and waits for the job to finish.
     *
     * @return what the device said, for the audit log
     * @throws FirewallException REJECTED when the job fails (the running configuration is unchanged)
     */
    String commit() throws FirewallException {
        String cmd = admin == null ? "<commit></commit>"
                : "<commit><partial><admin><member>" + XmlText.escape(admin) + "</member></admin></partial></commit>";
        Element result = call("commit", Map.of("type", "commit", "cmd", cmd));
        String job = text(result, "job");
        if (job == null) {
            return "no changes to commit";
        }
        return DeviceTasks.await("commit job " + job + " on " + device.name(), commitWait, () -> {
            Element jobs = call("show jobs", Map.of("type", "op", "cmd", "<show><jobs><id>" + XmlText.escape(job)
                    + "</id></jobs></show>"));
            Element state = first(jobs, "job");
            if (!"FIN".equals(text(state, "status"))) {
                return null;
            }
            if (!"OK".equals(text(state, "result"))) {
                throw new FirewallException(Failure.REJECTED, device.name() + ": commit job " + job + " failed: "
                        + device.excerpt(text(first(state, "details"), "line")), null);
            }
            return "commit job " + job + " OK";
        });
    }

    private Element call(String what, Map<String, String> fields) throws FirewallException {
        DeviceRequest request = DeviceRequest.form(API, fields).header("X-PAN-KEY", key);
        return check(device, what, device.send(request));
    }

    /** The {@code <result>} of a success answer (or the response itself when it has none). */
    private static Element check(HttpsDevice device, String what, DeviceAnswer answer) throws FirewallException {
        Document xml = XmlText.parse(answer.body());
        Element response = xml == null ? null : xml.getDocumentElement();
        if (response == null || !"response".equals(response.getTagName())) {
            throw new FirewallException(Failure.REJECTED, device.name() + " answered " + what + " with HTTP "
                    + answer.status() + " and no XML API response: " + device.excerpt(answer.body()), null);
        }
        if (!"success".equals(response.getAttribute("status").trim())) {
            throw new FirewallException(Failure.REJECTED, device.name() + " refused " + what + " (code "
                    + response.getAttribute("code").trim() + "): " + device.excerpt(response.getTextContent()), null);
        }
        Element result = first(response, "result");
        return result == null ? response : result;
    }

    static Element first(Element parent, String tag) {
        for (Element e : elements(parent)) {
            if (e.getTagName().equals(tag)) {
                return e;
            }
        }
        return null;
    }

    static String text(Element parent, String tag) {
        Element e = first(parent, tag);
        return e == null ? null : e.getTextContent().trim();
    }

    static List<Element> elements(Element parent) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent == null ? null : parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                found.add(e);
            }
        }
        return found;
    }
}
