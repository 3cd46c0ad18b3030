package io.yagura.response;

import io.yagura.api.incident.Notification;

/** Where customers' block notices go: the mail channel's queue (registered by {@link ChannelQueueOutbox}). */
public interface NoticeOutbox {
    void send(Notification notice);
}
