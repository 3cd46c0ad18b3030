package io.yagura.api.advisory;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A security advisory.
 *
 * @param severity one of "critical", "high", "medium", "low", "info"
 * @param vendors  affected vendor ids (as the plugins name them, e.g. "cisco-asa"); empty means all customers
 * @param title    per language ("ja", "en")
 * @param body     per language
 * @param sentAt   when it was sent, or null while it is a draft
 */
public record Advisory(String id, String severity, List<String> vendors, List<String> products,
                       Map<String, String> title, Map<String, String> body, Instant createdAt, String createdBy,
                       Instant sentAt) {
    public Advisory {
        vendors = vendors == null ? List.of() : List.copyOf(vendors);
        products = products == null ? List.of() : List.copyOf(products);
        title = Map.copyOf(title);
        body = Map.copyOf(body);
    }
}
