/**
 * The event archive: every normalized event of the last days, kept compressed on disk, searched
 * by analysts (customer, address, rule, time) and replayed to try house rules on recorded traffic.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package io.yagura.api.archive;
