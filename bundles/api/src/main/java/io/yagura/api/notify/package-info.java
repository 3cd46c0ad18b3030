/**
 * Services the customer-facing channels share: sending a plain mail (password links, reports,
 * advisories) through the platform's mail settings, and the customer's acknowledgement of an
 * incident, which stops the escalation on every channel.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package io.yagura.api.notify;
