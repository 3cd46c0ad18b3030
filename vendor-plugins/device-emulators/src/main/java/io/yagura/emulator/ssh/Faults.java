package io.yagura.emulator.ssh;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Switches a test flips to make an emulated device misbehave: refuse logins, answer a matching
 * command with an error (without applying it), apply a matching command and then drop the
 * connection, or stop answering at a matching command. Each switch matches commands (or RPCs)
 * by a regular expression, so a test names the step that fails rather than counting steps.
 */
public final class Faults {

    /** What the device does with one request. */
    public enum Verdict { ANSWER, FAIL, DROP_AFTER, STALL }

    private volatile boolean refuseLogins;
    private volatile Pattern failing;
    private volatile Pattern dropping;
    private volatile Pattern stalling;
    private final AtomicInteger passwordAttempts = new AtomicInteger();

    public Faults refuseLogins(boolean refuse) {
        this.refuseLogins = refuse;
        return this;
    }

    /** Requests matching {@code regex} are answered with an error and not applied; null to stop. */
    public Faults failOn(String regex) {
        failing = regex == null ? null : Pattern.compile(regex);
        return this;
    }

    /** Requests matching {@code regex} are applied, then the connection is dropped without an answer. */
    public Faults dropAfter(String regex) {
        dropping = regex == null ? null : Pattern.compile(regex);
        return this;
    }

    /** Requests matching {@code regex} are never answered (the device hangs). */
    public Faults stallOn(String regex) {
        stalling = regex == null ? null : Pattern.compile(regex);
        return this;
    }

    public Faults clear() {
        refuseLogins = false;
        failing = null;
        dropping = null;
        stalling = null;
        return this;
    }

    public boolean refusesLogins() {
        return refuseLogins;
    }

    /** How many times a client sent a password (tests assert none was sent to an untrusted key). */
    public int passwordAttempts() {
        return passwordAttempts.get();
    }

    void countPasswordAttempt() {
        passwordAttempts.incrementAndGet();
    }

    public Verdict verdict(String request) {
        if (matches(stalling, request)) {
            return Verdict.STALL;
        }
        if (matches(failing, request)) {
            return Verdict.FAIL;
        }
        if (matches(dropping, request)) {
            return Verdict.DROP_AFTER;
        }
        return Verdict.ANSWER;
    }

    private static boolean matches(Pattern pattern, String request) {
        return pattern != null && pattern.matcher(request).find();
    }
}
