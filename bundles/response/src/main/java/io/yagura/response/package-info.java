/**
 * Emergency response: blocks of attackers' addresses (and quarantine requests for infected
 * internal hosts) on customers' firewalls through the vendor plugins' firewall drivers, refused
 * when policy, safelists, caps or spoofable evidence say so, approved by analysts where the
 * customer's policy asks, removed at their expiry by a Karaf Scheduler job. Private: the
 * console reads blocks through {@link io.yagura.api.response.BlockStore}.
 */
package io.yagura.response;
