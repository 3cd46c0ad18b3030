/**
 * House signatures (JSIG): Sigma rules the SOC writes itself, kept with every version, its
 * lifecycle state (draft, validated, canary, active, retired), who changed it, when and why, and
 * the result of the replay that validated it.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package io.yagura.api.houserule;
