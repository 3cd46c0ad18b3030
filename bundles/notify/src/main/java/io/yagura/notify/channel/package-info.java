/**
 * What the notification channels (mail, phone) share around their queues: the route that
 * consumes a channel's queue ({@link io.yagura.notify.channel.ChannelQueues}) and the periodic
 * job that hands over again, on the node that gains the channel's sweep duty, the notices a
 * stopped node left pending ({@link io.yagura.notify.channel.PendingSweep}).
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package io.yagura.notify.channel;
