/**
 * How a device is asked whether it is there: ICMP echo (fping, iputils ping, or the JDK's raw
 * socket when this process may open one) and a TCP connect. Plain Java, no OSGi.
 */
package io.yagura.health.probe;
