/**
 * HTTPS access to customers' devices for the firewall drivers (PAN-OS XML API, Check Point
 * Management API, FortiGate REST API): the device's certificate is checked against the pinned
 * fingerprint or a trust store before any credential is sent, every wait is bounded by the
 * target's timeout, answers are bounded in size, failures come out as
 * {@link io.yagura.api.plugin.FirewallDriver.FirewallException} of the right kind, and secrets
 * (passwords, API keys, session ids) are removed from every message.
 */
@Export
@Version("1.0.0")
package io.yagura.device.http;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
