package io.yagura.response;

import io.yagura.api.incident.Notification;

/** Where customers' block notices go: the mail channel's queue (registered by {@link ResponseRoutes}). */
public interface NoticeOutbox {
    void send(Notification notice);
}
