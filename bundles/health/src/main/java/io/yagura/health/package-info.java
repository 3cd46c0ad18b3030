/**
 * Device health monitoring: every registered device is probed on the Karaf Scheduler (ICMP echo,
 * a TCP connect where configured) and watched for log silence; a device that stops answering is
 * retried, then declared faulty as a Critical incident of category device-fault, and one whose
 * logs stop as a device-silence incident; recoveries close them. State and history are kept by
 * the {@link io.yagura.api.health.HealthStore}; {@code yagura:health} shows them.
 */
package io.yagura.health;
