package io.yagura.plugin.ciscoasa.driver;

import io.yagura.format.net.Network;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Yagura's blocks as read back from the ASA: the network objects named {@value #PREFIX}… that are
 * members of the block group, with the network each one holds.
 */
record AsaObjects(Map<String, Network> inGroup, Map<String, Network> allYaguraObjects) {

    static final String PREFIX = "yagura-";

    /** Reads the group and the network objects (two show commands). */
    static AsaObjects read(AsaCli cli, String group) throws io.yagura.api.plugin.FirewallDriver.FirewallException {
        String members = cli.run("show running-config object-group id " + group);
        Map<String, Network> objects = parseObjects(cli.run("show running-config object network"));
        Map<String, Network> inGroup = new LinkedHashMap<>();
        for (String line : members.split("\n")) {
            String l = line.trim();
            if (l.startsWith("network-object object " + PREFIX)) {
                String name = l.substring("network-object object ".length());
                inGroup.put(name, objects.get(name));
            }
        }
        return new AsaObjects(inGroup, objects);
    }

    /** {@code object network NAME} blocks of {@code show running-config object network}, Yagura's only. */
    static Map<String, Network> parseObjects(String text) {
        Map<String, Network> objects = new LinkedHashMap<>();
        String current = null;
        for (String line : text.split("\n")) {
            String l = line.trim();
            if (l.startsWith("object network ")) {
                String name = l.substring("object network ".length());
                current = name.startsWith(PREFIX) ? name : null;
                if (current != null) {
                    objects.put(current, null);
                }
            } else if (current != null) {
                Optional<Network> network = definition(l);
                if (network.isPresent()) {
                    objects.put(current, network.get());
                }
            }
        }
        return objects;
    }

    /** {@code host A}, {@code subnet A MASK} or {@code subnet A/LEN} as a network. */
    private static Optional<Network> definition(String line) {
        String[] words = line.split(" ");
        if (words.length == 2 && words[0].equals("host")) {
            return Network.parse(words[1]);
        }
        if (words[0].equals("subnet")) {
            return Network.parse(words.length == 3 ? words[1] + "/" + words[2] : words[1]);
        }
        return Optional.empty();
    }

    /** Names of Yagura's objects in the group that hold {@code network}. */
    java.util.List<String> holding(Network network) {
        return inGroup.entrySet().stream().filter(e -> network.equals(e.getValue())).map(Map.Entry::getKey).toList();
    }
}
