package io.yagura.correlation.engine;

import io.yagura.correlation.rules.FileStamps;
import io.yagura.correlation.rules.RuleProblem;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The asset file ({@code etc/yagura/assets.yaml}): per customer, the addresses and networks that
 * matter and how much.
 *
 * <pre>
 * acme:                                   # customer id (as in the registry)
 *   - address: 10.20.0.0/16               # IPv4/IPv6 address or CIDR network
 *     criticality: medium                 # low | medium | high
 *     name: Server network                # optional, named in the rationale
 *   - {address: 10.20.5.10, criticality: high, name: Mail server}
 * </pre>
 *
 * <p>The file is read at start and again by {@link #reloadIfChanged()} when its modification time or
 * size changed ({@link FileStamps}, as for the threat-intelligence lists). A file with any problem
 * (YAML syntax, unknown key, bad address or criticality, an address listed twice for a customer) is
 * rejected as a whole: its problems are reported with file and line and the assets of the last good
 * read stay in force. A missing file means no assets. Lookups read an immutable snapshot.
 */
public final class AssetFile {

    private static final Logger LOG = LoggerFactory.getLogger(AssetFile.class);
    /** Asset files larger than this are reported and not read. */
    static final long MAX_FILE_BYTES = 4L * 1024 * 1024;
    private static final Set<String> KEYS = Set.of("address", "criticality", "name");

    /** Result of reading the file: the table (empty when there were problems) and the problems. */
    public record Load(AssetCriticality assets, List<RuleProblem> problems) {
        public Load {
            problems = List.copyOf(problems);
        }
    }

    private record State(AssetCriticality assets, List<RuleProblem> problems, FileStamps stamps) {
    }

    private final Path file;
    private volatile State state;

    private AssetFile(Path file) {
        this.file = file;
        this.state = new State(AssetCriticality.empty(), List.of(), FileStamps.NONE);
    }

    /** The file, read now (a missing file: no assets). */
    public static AssetFile load(Path file) {
        AssetFile f = new AssetFile(file);
        f.reloadIfChanged();
        return f;
    }

    public Path file() {
        return file;
    }

    /** The assets in force: those of the last read without problems. */
    public AssetCriticality current() {
        return state.assets();
    }

    /** Problems of the last read (empty when it was good). */
    public List<RuleProblem> problems() {
        return state.problems();
    }

    /**
     * Reads the file again when it was created, deleted or changed (modification time or size).
     *
     * @return true when the file was read (whether or not it had problems)
     */
    public synchronized boolean reloadIfChanged() {
        FileStamps now = FileStamps.of(List.of(file));
        State before = state;
        if (now.equals(before.stamps())) {
            return false;
        }
        Load load = read();
        String name = file.getFileName().toString();
        if (load.problems().isEmpty()) {
            state = new State(load.assets(), List.of(), now);
            LOG.info("assets from {}: {} address(es)/network(s) for {} customer(s)", file, load.assets().size(),
                    load.assets().customers());
        } else {
            state = new State(before.assets(), load.problems(), now);
            for (RuleProblem p : load.problems()) {
                LOG.error("Asset file problem {}", p);
            }
            LOG.error("{} not loaded ({} problem(s)): the previous assets ({} entries) stay in force", name,
                    load.problems().size(), before.assets().size());
        }
        return true;
    }

    private Load read() {
        String name = file.getFileName().toString();
        if (!Files.exists(file)) {
            return new Load(AssetCriticality.empty(), List.of());
        }
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                return new Load(AssetCriticality.empty(), List.of(new RuleProblem(name, 0, "file larger than "
                        + MAX_FILE_BYTES + " bytes: not loaded")));
            }
            return parse(name, Files.readString(file, StandardCharsets.UTF_8));
        } catch (MalformedInputException e) {
            return new Load(AssetCriticality.empty(), List.of(new RuleProblem(name, 0, "file is not UTF-8 text")));
        } catch (IOException e) {
            return new Load(AssetCriticality.empty(), List.of(new RuleProblem(name, 0, "cannot read file: " + e)));
        }
    }

    /** Parses the text of an asset file; {@code name} is used in the problems. */
    public static Load parse(String name, String text) {
        return new Parser(name).parse(text);
    }

    private static final class Parser {
        final String name;
        final List<RuleProblem> problems = new ArrayList<>();
        final AssetCriticality.Builder builder = AssetCriticality.builder();

        Parser(String name) {
            this.name = name;
        }

        Load parse(String text) {
            LoaderOptions o = new LoaderOptions();
            o.setAllowDuplicateKeys(false);
            o.setMaxAliasesForCollections(20);
            o.setNestingDepthLimit(20);
            o.setCodePointLimit((int) MAX_FILE_BYTES);
            Node root;
            try {
                root = new Yaml(o).compose(new StringReader(text));
            } catch (MarkedYAMLException e) {
                Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
                problems.add(new RuleProblem(name, m == null ? 0 : m.getLine() + 1, "YAML syntax error: "
                        + (e.getContext() == null ? "" : e.getContext() + "; ") + e.getProblem()));
                return result();
            } catch (YAMLException e) {
                problems.add(new RuleProblem(name, 0, "YAML error: " + e.getMessage()));
                return result();
            }
            if (root == null || isNull(root)) {
                return result(); // empty or only comments
            }
            if (!(root instanceof MappingNode customers)) {
                problem(root, "the file must map customer ids to lists of assets (acme: [- address: ..., "
                        + "criticality: ...])");
                return result();
            }
            Map<String, Integer> seen = new HashMap<>();
            for (NodeTuple t : customers.getValue()) {
                String customer = scalar(t.getKeyNode());
                if (customer == null || customer.isBlank()) {
                    problem(t.getKeyNode(), "customer ids must be plain text");
                    continue;
                }
                Integer first = seen.putIfAbsent(customer.trim(), line(t.getKeyNode()));
                if (first != null) {
                    problem(t.getKeyNode(), "customer '" + customer.trim() + "' is listed twice (first at line "
                            + first + ")");
                } else {
                    customer(customer.trim(), t.getValueNode());
                }
            }
            return result();
        }

        private Load result() {
            return new Load(problems.isEmpty() ? builder.build() : AssetCriticality.empty(), problems);
        }

        private void customer(String customer, Node value) {
            if (isNull(value)) {
                return; // a customer with no assets yet
            }
            if (!(value instanceof SequenceNode list)) {
                problem(value, "customer '" + customer + "': a list of assets is expected (- address: ..., "
                        + "criticality: ...)");
                return;
            }
            Map<String, Integer> seen = new HashMap<>();
            for (Node item : list.getValue()) {
                if (!(item instanceof MappingNode asset)) {
                    problem(item, "customer '" + customer + "': each asset is a mapping with address, criticality "
                            + "and optional name");
                    continue;
                }
                asset(customer, asset, seen);
            }
        }

        private void asset(String customer, MappingNode asset, Map<String, Integer> seen) {
            String where = "customer '" + customer + "': ";
            Map<String, Node> values = new HashMap<>();
            for (NodeTuple t : asset.getValue()) {
                String k = scalar(t.getKeyNode());
                if (k == null || !KEYS.contains(k)) {
                    problem(t.getKeyNode(), where + "unknown key '" + k + "' (address, criticality, name)");
                } else if (!(t.getValueNode() instanceof ScalarNode) || isNull(t.getValueNode())) {
                    problem(t.getValueNode(), where + k + " must be a single value");
                } else {
                    values.put(k, t.getValueNode());
                }
            }
            Node address = values.get("address");
            Node criticality = values.get("criticality");
            if (address == null || criticality == null) {
                problem(asset, where + "an asset needs an address and a criticality (low, medium, high)");
                return;
            }
            AssetCriticality.Criticality c;
            try {
                c = AssetCriticality.Criticality.parse(scalar(criticality));
            } catch (IllegalArgumentException bad) {
                problem(criticality, where + bad.getMessage());
                return;
            }
            String addr = scalar(address).trim();
            Integer first = seen.putIfAbsent(addr.toLowerCase(Locale.ROOT), line(address));
            if (first != null) {
                problem(address, where + "address " + addr + " is listed twice (first at line " + first + ")");
                return;
            }
            Node n = values.get("name");
            String label = n == null ? null : scalar(n).trim();
            try {
                builder.add(customer, addr, c, label == null || label.isEmpty() ? null : label);
            } catch (IllegalArgumentException bad) {
                problem(address, where + bad.getMessage());
            }
        }

        private void problem(Node n, String message) {
            problems.add(new RuleProblem(name, line(n), message));
        }

        private static int line(Node n) {
            return n.getStartMark().getLine() + 1;
        }

        private static String scalar(Node n) {
            return n instanceof ScalarNode s ? s.getValue() : null;
        }

        private static boolean isNull(Node n) {
            return n instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
        }
    }
}
