package io.yagura.notify.mail;

import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentStatus;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.Notification;
import io.yagura.templates.freemarker.FreemarkerTemplates;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Incidents and notifications used by the tests. */
final class Fixtures {

    static final String INCIDENT_ID = "INC-20261127-000001";
    static final String SOC_FROM = "Yagura SOC <soc@yagura.example>";
    static final String CUSTOMER_ADDRESS = "security@acme.example";
    static final String TITLE_EN = "Attack succeeded: SQL injection on web01 answered 200";
    static final String TITLE_JA = "攻撃成功: web01 への SQL インジェクション";
    static final String ANALYSIS_EN = "The attacker extracted rows of the users table through a SQL injection in /search.";
    static final String ANALYSIS_JA = "攻撃者は /search の SQL インジェクションにより users テーブルの行を取得しました。";
    static final String COUNTERMEASURES_EN = "Block 203.0.113.7 at the firewall. Patch /search and rotate the database credentials.";
    static final String COUNTERMEASURES_JA = "ファイアウォールで 203.0.113.7 を遮断し、/search を修正してデータベースの認証情報を変更してください。";
    static final String REFERENCE = "https://owasp.org/www-community/attacks/SQL_Injection";

    private Fixtures() {
    }

    /** The bundled mail templates (an operator directory that does not exist). */
    static MailTemplates templates() {
        return templates(Path.of("target", "no-operator-templates"));
    }

    /** The mail templates with the operator's files in {@code dir}. */
    static MailTemplates templates(Path dir) {
        return new MailTemplates(new FreemarkerTemplates(dir).open(MailTemplates.SET));
    }

    static Incident incident(Level level, boolean japanese) {
        Instant detected = Instant.now().minusSeconds(5);
        return Incident.builder().id(INCIDENT_ID).customerId("acme").key("acme/web-sqli/192.0.2.10")
                .proposedLevel(level).status(IncidentStatus.NEW).category("intrusion")
                .title(japanese ? TITLE_JA : TITLE_EN).attackers(List.of("203.0.113.7", "198.51.100.23"))
                .targets(List.of("192.0.2.10")).rules(List.of("web-sqli-success"))
                .rationale(List.of("Rule web-sqli-success matched UNION SELECT in the query string.",
                        "The server answered 200 with 48 kB: the attack likely succeeded."))
                .eventCount(12).firstSeen(detected.minusSeconds(60)).lastSeen(detected).detectedAt(detected)
                .deadline(level.defaultDeadline() == null ? null : detected.plus(level.defaultDeadline()))
                .analysis(japanese ? ANALYSIS_JA : ANALYSIS_EN)
                .countermeasures(japanese ? COUNTERMEASURES_JA : COUNTERMEASURES_EN)
                .references(List.of(REFERENCE, "CVE-2026-0001")).version(1).build();
    }

    static Incident incident(String id, Level level, String title) {
        Instant detected = Instant.parse("2026-11-27T03:00:00Z");
        return Incident.builder().id(id).customerId("acme").key("k-" + id).proposedLevel(level)
                .status(IncidentStatus.CLOSED).category("reconnaissance").title(title)
                .attackers(List.of("198.51.100.99")).targets(List.of("192.0.2.0/24")).rules(List.of("scan"))
                .rationale(List.of("port scan")).eventCount(300).firstSeen(detected).lastSeen(detected)
                .detectedAt(detected).version(1).build();
    }

    /** A pending notice due {@code dueIn} from now (null: no deadline). */
    static Notification notice(String id, String kind, String language, Level level, Duration dueIn) {
        Instant now = Instant.now();
        return new Notification(id, INCIDENT_ID, "acme", kind, "mail", CUSTOMER_ADDRESS, language, level, now,
                "pending", dueIn == null ? null : now.plus(dueIn), null, null);
    }

    static MailSettings.Builder settings(String host, int port) {
        return MailSettings.builder().host(host).port(port).security(MailSettings.Security.NONE).from(SOC_FROM)
                .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(5))
                .maxAttempts(3).backoff(Duration.ofMillis(100));
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
