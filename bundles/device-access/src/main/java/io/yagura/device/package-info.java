/** What every firewall driver checks before it talks to a device. */
@Export
@Version("1.0.0")
package io.yagura.device;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
