package io.yagura.emulator.panos;

import io.yagura.emulator.https.EmulatedHttpsServer;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/**
 * A Palo Alto Networks firewall's XML API ({@code /api/}): {@code type=keygen},
 * {@code type=config} with {@code action=set|delete|get|show} and an xpath, {@code type=commit}
 * (a job), {@code type=op} for {@code show jobs id} and {@code revert config}. The API key goes in
 * the {@code X-PAN-KEY} header or the {@code key} parameter; a wrong one is answered with 403.
 * Changes go to the candidate configuration and reach the running one at a commit.
 *
 * <p>The configuration starts as the customer leaves it after the one-time setup for Yagura: a tag
 * {@value #TAG}, a dynamic address group {@value #GROUP} matching it, and a deny rule using the
 * group, beside an address object of the customer's own. Fault switches match
 * "type=config action=set xpath=..." , "type=commit", "type=op cmd=...". A failed commit leaves
 * a job with result FAIL and the running configuration unchanged.
 */
public final class PanOsEmulator extends EmulatedHttpsServer {

    public static final String TAG = "yagura-block";
    public static final String GROUP = "YAGURA-BLOCK";
    public static final String VSYS_XPATH =
            "/config/devices/entry[@name='localhost.localdomain']/vsys/entry[@name='vsys1']";

    private static final Pattern JOB_ID = Pattern.compile("<show><jobs><id>(\\d+)</id></jobs></show>");

    private final String user;
    private final String password;
    private final String apiKey;
    private final AtomicInteger jobs = new AtomicInteger();
    private final Map<Integer, Boolean> jobResults = new ConcurrentHashMap<>();
    private PanOsConfig candidate;
    private PanOsConfig running;

    public PanOsEmulator(String user, String password) throws IOException {
        super("pa-emulator");
        this.user = user;
        this.password = password;
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.apiKey = "LUFRPT" + Base64.getEncoder().encodeToString(random);
        this.running = PanOsConfig.parse(initialConfig());
        this.candidate = running.copy();
    }

    /** The key {@code type=keygen} gives for the right login. */
    public String apiKey() {
        return apiKey;
    }

    /** Address objects of the running configuration of vsys1: name → ip-netmask. */
    public synchronized Map<String, String> runningAddresses() {
        return addresses(running);
    }

    /** Address objects of the candidate configuration of vsys1: name → ip-netmask. */
    public synchronized Map<String, String> candidateAddresses() {
        return addresses(candidate);
    }

    /** The addresses (ip-netmask) the running dynamic address group {@value #GROUP} matches by its tag filter. */
    public synchronized List<String> runningGroupMembers() {
        String filter = PanOsConfig.text(running.find(VSYS_XPATH + "/address-group/entry[@name='" + GROUP
                + "']/dynamic"), "filter");
        String tag = filter == null ? "" : filter.replace("'", "").trim();
        return PanOsConfig.children(running.find(VSYS_XPATH + "/address"), "entry").stream()
                .filter(entry -> PanOsConfig.children(PanOsConfig.children(entry, "tag").stream().findFirst()
                        .orElse(null), "member").stream().anyMatch(m -> m.getTextContent().equals(tag)))
                .map(entry -> PanOsConfig.text(entry, "ip-netmask"))
                .toList();
    }

    /** The description of a running address object, or null. */
    public synchronized String runningDescription(String name) {
        return PanOsConfig.text(running.find(VSYS_XPATH + "/address/entry[@name='" + name + "']"), "description");
    }

    public synchronized String runningXml() {
        return running.toXml();
    }

    @Override
    protected String describe(Call call) {
        StringBuilder d = new StringBuilder("type=" + call.parameter("type"));
        for (String name : List.of("action", "xpath", "cmd")) {
            if (call.parameter(name) != null) {
                d.append(' ').append(name).append('=').append(call.parameter(name));
            }
        }
        return d.toString();
    }

    @Override
    protected boolean carriesCredentials(Call call) {
        return call.parameter("password") != null || call.parameter("key") != null
                || call.header("X-PAN-KEY") != null;
    }

    @Override
    protected Reply failure(Call call) {
        if ("commit".equals(call.parameter("type"))) {
            int job = jobs.incrementAndGet();
            jobResults.put(job, false);
            return enqueued(job);
        }
        return error(12, "Validation Error: " + call.parameter("type") + " failed on the device");
    }

    @Override
    protected synchronized Reply handle(Call call) {
        if (!"/api/".equals(call.path()) && !"/api".equals(call.path())) {
            return new Reply(404, "text/html", "<html>Not found</html>");
        }
        String type = call.parameter("type");
        if ("keygen".equals(type)) {
            if (faults().refusesLogins() || !user.equals(call.parameter("user"))
                    || !password.equals(call.parameter("password"))) {
                return Reply.xml(403, "<response status = 'error' code = '403'><result><msg>Invalid Credential"
                        + "</msg></result></response>");
            }
            return Reply.xml(200, "<response status = 'success'><result><key>" + apiKey + "</key></result></response>");
        }
        String key = call.header("X-PAN-KEY") != null ? call.header("X-PAN-KEY") : call.parameter("key");
        if (faults().refusesLogins() || !apiKey.equals(key)) {
            return Reply.xml(403, "<response status=\"error\" code=\"403\"><result><msg>Invalid credentials."
                    + "</msg></result></response>");
        }
        try {
            return switch (type == null ? "" : type) {
                case "config" -> config(call.parameter("action"), call.parameter("xpath"), call.parameter("element"));
                case "commit" -> commit();
                case "op" -> op(call.parameter("cmd"));
                default -> error(12, "Invalid type " + type);
            };
        } catch (IllegalArgumentException e) {
            return error(12, e.getMessage());
        }
    }

    private Reply config(String action, String xpath, String element) {
        switch (action == null ? "" : action) {
            case "set" -> {
                if (element == null || element.isBlank()) {
                    return error(12, "Missing element");
                }
                candidate.set(xpath, element);
                return Reply.xml(200, "<response status=\"success\" code=\"20\"><msg>command succeeded</msg></response>");
            }
            case "delete" -> {
                return candidate.delete(xpath)
                        ? Reply.xml(200, "<response status=\"success\" code=\"20\"><msg>command succeeded</msg></response>")
                        : Reply.xml(200, "<response status=\"success\" code=\"7\"><msg>Object doesn't exist</msg></response>");
            }
            case "get", "show" -> {
                Element node = ("get".equals(action) ? candidate : running).find(xpath);
                return Reply.xml(200, node == null
                        ? "<response status=\"success\" code=\"7\"><result/></response>"
                        : "<response status=\"success\" code=\"19\"><result total-count=\"1\" count=\"1\">"
                                + PanOsConfig.write(node) + "</result></response>");
            }
            default -> {
                return error(12, "Invalid action " + action);
            }
        }
    }

    private Reply commit() {
        if (candidate.toXml().equals(running.toXml())) {
            return Reply.xml(200, "<response status=\"success\" code=\"19\"><msg>There are no changes to commit."
                    + "</msg></response>");
        }
        running = candidate.copy();
        int job = jobs.incrementAndGet();
        jobResults.put(job, true);
        return enqueued(job);
    }

    private Reply op(String cmd) {
        String command = cmd == null ? "" : cmd.replaceAll("\\s+", "");
        Matcher job = JOB_ID.matcher(command);
        if (job.matches()) {
            Boolean ok = jobResults.get(Integer.parseInt(job.group(1)));
            if (ok == null) {
                return error(12, "job " + job.group(1) + " not found");
            }
            return Reply.xml(200, "<response status=\"success\"><result><job><id>" + job.group(1)
                    + "</id><type>Commit</type><status>FIN</status><result>" + (ok ? "OK" : "FAIL")
                    + "</result><details><line>" + (ok ? "Configuration committed successfully"
                    : "Validation Error: rule yagura-block-in: commit failed") + "</line></details></job></result></response>");
        }
        if (command.startsWith("<revert><config>")) {
            candidate = running.copy();
            return Reply.xml(200, "<response status=\"success\"><result>Candidate configuration reverted</result></response>");
        }
        return error(12, "Invalid syntax: " + cmd);
    }

    private static Reply enqueued(int job) {
        return Reply.xml(200, "<response status=\"success\" code=\"19\"><result><msg><line>Commit job enqueued with"
                + " jobid " + job + "</line></msg><job>" + job + "</job></result></response>");
    }

    private static Reply error(int code, String message) {
        return Reply.xml(200, "<response status=\"error\" code=\"" + code + "\"><msg><line>"
                + message.replace("&", "&amp;").replace("<", "&lt;") + "</line></msg></response>");
    }

    private static Map<String, String> addresses(PanOsConfig config) {
        Map<String, String> found = new LinkedHashMap<>();
        for (Element entry : PanOsConfig.children(config.find(VSYS_XPATH + "/address"), "entry")) {
            found.put(entry.getAttribute("name"), PanOsConfig.text(entry, "ip-netmask"));
        }
        return found;
    }

    private static String initialConfig() {
        return "<config><devices><entry name=\"localhost.localdomain\"><vsys><entry name=\"vsys1\">"
                + "<tag><entry name=\"" + TAG + "\"><comments>Yagura emergency blocks</comments></entry></tag>"
                + "<address-group><entry name=\"" + GROUP + "\"><dynamic><filter>'" + TAG + "'</filter></dynamic>"
                + "</entry></address-group>"
                + "<address><entry name=\"customer-web\"><ip-netmask>192.0.2.80/32</ip-netmask></entry></address>"
                + "<rulebase><security><rules><entry name=\"yagura-block-in\"><from><member>any</member></from>"
                + "<to><member>any</member></to><source><member>" + GROUP + "</member></source>"
                + "<destination><member>any</member></destination><action>deny</action></entry></rules></security>"
                + "</rulebase></entry></vsys></entry></devices></config>";
    }
}
