/**
 * More than one centre node: the periodic work that must run on exactly one live node (deadline
 * watch, digests, device probes, block expiry, monthly reports, SDEE pulls, the sweeps of notices
 * a stopped node left pending) is a named duty, held by one node at a time under a lease in the
 * shared database; see {@link io.yagura.api.cluster.ClusterDuties}.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package io.yagura.api.cluster;
