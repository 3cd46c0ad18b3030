package io.yagura.api.response;

import java.time.Instant;

/**
 * One action on a block: who did what, when, why, and what the device answered.
 *
 * @param action e.g. "requested", "approved", "refused", "placed", "verify-failed", "rolled-back",
 *               "extended", "unblocked", "expired", "failed"
 * @param actor  analyst login, or "auto" / "scheduler" for the platform
 */
public record BlockAudit(String blockId, Instant at, String actor, String action, String detail, String deviceAnswer) {
}
