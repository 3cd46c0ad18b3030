package io.yagura.api.event;

import java.util.List;

/** The last normalized events seen on this node, for operators (yagura:tail). */
public interface EventTail {

    void record(SecurityEvent event);

    /** The newest {@code n} events, oldest first. */
    List<SecurityEvent> last(int n);
}
