/** Incidents, their levels, suppressions, notifications and the audit trail. */
@org.osgi.annotation.versioning.Version("1.4.0")
package io.yagura.api.incident;
