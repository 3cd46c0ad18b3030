package io.yagura.console;

import org.apache.karaf.shell.support.ShellUtil;

/** Who is at the console, for the audit log. */
final class Operator {

    /** A session without a JAAS login (the local console of a test container, a script). */
    static final String UNAUTHENTICATED = "console";

    private Operator() {
    }

    static String name() {
        String user = ShellUtil.getCurrentUserName();
        return user == null || user.isBlank() ? UNAUTHENTICATED : user;
    }
}
