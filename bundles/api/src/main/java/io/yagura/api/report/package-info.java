/** Monthly reports per customer (PDF), kept in the store and offered on the console and the portal. */
@org.osgi.annotation.versioning.Version("1.0.0")
package io.yagura.api.report;
