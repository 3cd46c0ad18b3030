package io.yagura.api.incident;

public enum IncidentStatus {
    NEW, TRIAGED, NOTIFIED, CLOSED, FALSE_POSITIVE
}
