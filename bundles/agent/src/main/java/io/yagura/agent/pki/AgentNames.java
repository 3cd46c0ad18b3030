package io.yagura.agent.pki;

/** Agent and customer names: they end up in certificate subjects, broker addresses and file names. */
public final class AgentNames {

    private AgentNames() {
    }

    public static String checked(String name) {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new IllegalArgumentException("a name is 1 to 63 lower-case letters, digits or '-', "
                    + "starting with a letter or digit: " + name);
        }
        return name;
    }
}
