/**
 * A thin NETCONF client over the SSH "netconf" subsystem: NETCONF 1.0 end-of-message framing and
 * 1.1 chunked framing, hello, lock, edit-config (and Junos load-configuration), commit confirmed,
 * confirming commit, discard-changes, unlock, get-config; rpc-error answers fail as REJECTED with
 * the device's message.
 */
@Export
@Version("1.0.0")
package io.yagura.device.netconf;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
