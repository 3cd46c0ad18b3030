package io.yagura.correlation.rules;

import java.util.List;
import java.util.Map;

/**
 * The descriptive part of a Sigma rule or correlation rule, as written.
 *
 * @param id             the rule's {@code id} (null when only a name is given)
 * @param name           the rule's {@code name} (used by correlation references and aliases), or null
 * @param title          the mandatory title
 * @param description    description, or null
 * @param status         stable, test, experimental, deprecated, unsupported, or null
 * @param level          Sigma level as written (informational, low, medium, high, critical), or null
 * @param tags           tags (e.g. attack.t1190, yagura.jsig)
 * @param falsePositives known false positives
 * @param references     references (URLs, advisories)
 * @param author         author, or null
 * @param logsource      product / category / service, as written
 * @param yagura         Yagura's custom attributes
 * @param file           file the rule came from
 * @param line           1-based line where the rule document starts
 */
public record RuleMeta(String id, String name, String title, String description, String status, String level,
                       List<String> tags, List<String> falsePositives, List<String> references, String author,
                       Map<String, String> logsource, YaguraAttributes yagura, String file, int line) {

    public RuleMeta {
        tags = tags == null ? List.of() : List.copyOf(tags);
        falsePositives = falsePositives == null ? List.of() : List.copyOf(falsePositives);
        references = references == null ? List.of() : List.copyOf(references);
        logsource = logsource == null ? Map.of() : Map.copyOf(logsource);
        yagura = yagura == null ? YaguraAttributes.NONE : yagura;
    }

    /** The id if present, else the name: how the rule is referred to in incidents and suppressions. */
    public String key() {
        return id != null ? id : name;
    }
}
