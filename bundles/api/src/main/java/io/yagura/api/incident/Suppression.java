package io.yagura.api.incident;

import java.time.Instant;

/**
 * A per-customer tuning decision: events matching it are counted but open no incident.
 * Null fields match anything; at least one of rule, source, target is set.
 *
 * @param rule   rule or vendor signature id
 * @param source source address or CIDR
 * @param target destination address or CIDR
 */
public record Suppression(String id, String customerId, String rule, String source, String target,
                          Instant expiresAt, String reason, String createdBy, Instant createdAt) {
}
