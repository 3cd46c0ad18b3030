package io.yagura.api.registry;

import java.util.List;

/**
 * A person the SOC tells about a customer's incidents.
 *
 * @param order    escalation order: 1 is called/mailed first
 * @param channels channels this contact is reached on: "mail", "phone", "portal" for incident notices,
 *                 "report" for the monthly report by mail
 * @param levels   incident levels this contact wants ("emergency", "critical", ...);
 *                 empty means emergency and critical
 * @param language "ja" or "en" (templates)
 * @param hours    when phone calls are welcome, e.g. "09:00-18:00 Asia/Tokyo"; empty means always
 */
public record Contact(String name, String email, String phone, int order, List<String> channels,
                      List<String> levels, String language, String hours) {
    public Contact {
        channels = channels == null ? List.of("mail") : List.copyOf(channels);
        levels = levels == null ? List.of() : List.copyOf(levels);
        language = language == null ? "en" : language;
    }
}
