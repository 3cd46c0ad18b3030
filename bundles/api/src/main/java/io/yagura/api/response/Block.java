package io.yagura.api.response;

import java.time.Instant;

/**
 * One block (or quarantine) of one address on one customer device.
 *
 * @param id           Yagura's id, also written on the device as the block's reference
 * @param customerId   owner of the device
 * @param deviceId     the firewall it is placed on
 * @param address      the blocked address or CIDR prefix
 * @param quarantine   true for the isolation of an internal host, false for an attacker block
 * @param incidentId   the incident that justified it; null for a block an analyst placed by hand
 * @param state        where it is in its life
 * @param requestedBy  "auto" for policy-driven blocks, else the analyst's login
 * @param reason       why, in the analyst's or the rule's words
 * @param requestedAt  when it was asked for
 * @param placedAt     when the device confirmed it; null before
 * @param expiresAt    when the platform removes it
 * @param endedAt      when it reached a terminal state; null before
 * @param deviceAnswer the last device answer or failure reason (never a secret)
 * @param version      optimistic lock, incremented by every stored change
 */
public record Block(String id, String customerId, String deviceId, String address, boolean quarantine,
                   String incidentId, BlockState state, String requestedBy, String reason, Instant requestedAt,
                   Instant placedAt, Instant expiresAt, Instant endedAt, String deviceAnswer, long version) {

    public Block withState(BlockState newState, String answer, Instant at) {
        return new Block(id, customerId, deviceId, address, quarantine, incidentId, newState, requestedBy, reason,
                requestedAt, newState == BlockState.ACTIVE && placedAt == null ? at : placedAt, expiresAt,
                newState.terminal() ? at : endedAt, answer == null ? deviceAnswer : answer, version);
    }

    public Block withExpiry(Instant newExpiry) {
        return new Block(id, customerId, deviceId, address, quarantine, incidentId, state, requestedBy, reason,
                requestedAt, placedAt, newExpiry, endedAt, deviceAnswer, version);
    }
}
