package io.yagura.emulator.asa;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The emulated ASA's configuration: network objects, network object-groups, ACL lines, shuns. */
final class AsaConfig {

    /** {@code object network NAME} with its {@code host}/{@code subnet} line and description. */
    static final class NetworkObject {
        String definition;
        String description;
    }

    final Map<String, NetworkObject> objects = new LinkedHashMap<>();
    final Map<String, List<String>> groups = new LinkedHashMap<>();
    final List<String> accessLists = new ArrayList<>();
    final Set<String> shuns = new LinkedHashSet<>();

    boolean objectInUse(String name) {
        return groups.values().stream().anyMatch(members -> members.contains("network-object object " + name));
    }

    String objectText(String name) {
        NetworkObject o = objects.get(name);
        StringBuilder s = new StringBuilder("object network ").append(name).append('\n');
        if (o.definition != null) {
            s.append(' ').append(o.definition).append('\n');
        }
        if (o.description != null) {
            s.append(" description ").append(o.description).append('\n');
        }
        return s.toString();
    }

    String groupText(String name) {
        StringBuilder s = new StringBuilder("object-group network ").append(name).append('\n');
        groups.get(name).forEach(member -> s.append(' ').append(member).append('\n'));
        return s.toString();
    }

    String running() {
        StringBuilder s = new StringBuilder("hostname asa\n");
        objects.keySet().forEach(name -> s.append(objectText(name)));
        groups.keySet().forEach(name -> s.append(groupText(name)));
        accessLists.forEach(line -> s.append(line).append('\n'));
        return s.toString();
    }
}
