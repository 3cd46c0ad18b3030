/**
 * SSH access to customers' devices for the firewall drivers: a connection whose host key must
 * match the pinned fingerprint before the password is sent, an interactive CLI shell with prompt
 * detection and bounded reads, exec, and subsystem channels (NETCONF).
 */
@Export
@Version("1.0.0")
package io.yagura.device.ssh;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
