/**
 * Emergency response: blocks of attackers' addresses (and quarantines of infected internal
 * hosts) placed on customers' firewalls through the vendor plugins' firewall drivers, their
 * audit trail and the pinned identities of the devices they are placed on.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package io.yagura.api.response;
