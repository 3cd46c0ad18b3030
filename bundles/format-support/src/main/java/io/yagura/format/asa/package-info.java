/**
 * The Cisco ASA message engine: the {@code %ASA-6-302013:} tag ({@link io.yagura.format.asa.AsaMarker})
 * and the per-message-id table that turns ASA-engine messages into events
 * ({@link io.yagura.format.asa.AsaEngine}). ASA and PIX devices send these messages, and so does
 * Firepower Threat Defense ({@code %FTD-}), whose data plane is the ASA code: the cisco-asa and
 * cisco-firepower plugins share this one engine.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package io.yagura.format.asa;
