/** Security advisories written by the SOC and sent to customers by mail and on the portal. */
@org.osgi.annotation.versioning.Version("1.0.0")
package io.yagura.api.advisory;
