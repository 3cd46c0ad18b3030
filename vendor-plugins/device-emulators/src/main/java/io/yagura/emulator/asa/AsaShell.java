package io.yagura.emulator.asa;

import io.yagura.emulator.ssh.Faults;
import io.yagura.emulator.ssh.SessionCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One CLI session on the emulated ASA: echoes each line, answers it, prints the mode's prompt. */
final class AsaShell extends SessionCommand {

    private enum Mode { USER, ENABLE, CONFIG, OBJECT, GROUP }

    private static final String INVALID = "ERROR: % Invalid input detected at '^' marker.";
    private static final Pattern ADDRESS_TEXT = Pattern.compile("[0-9A-Fa-f:.]+");

    private final AsaEmulator device;
    private final String enablePassword;
    private Mode mode = Mode.USER;
    private String current;

    AsaShell(AsaEmulator device, String enablePassword) {
        this.device = device;
        this.enablePassword = enablePassword;
    }

    @Override
    protected void session() throws IOException {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            print("Type help or '?' for a list of available commands.\n" + prompt());
            String line;
            while ((line = lines.readLine()) != null) {
                String command = line.trim();
                print(command + "\n");
                Faults.Verdict verdict = device.faults().verdict(command);
                if (verdict == Faults.Verdict.STALL) {
                    lines.readLine(); // hang: never answer, until the client goes away
                    return;
                }
                if (verdict == Faults.Verdict.FAIL) {
                    print("ERROR: " + command + ": command failed (injected fault)\n" + prompt());
                    continue;
                }
                String answer = command.equals("enable") ? enable(lines) : answer(command);
                if (verdict == Faults.Verdict.DROP_AFTER) {
                    break;
                }
                print(answer + prompt());
            }
        }
    }

    private String enable(BufferedReader lines) throws IOException {
        print("Password: ");
        String given = lines.readLine();
        print("\n");
        if (enablePassword.equals(given)) {
            mode = Mode.ENABLE;
            return "";
        }
        return "Invalid password\n";
    }

    private String prompt() {
        return switch (mode) {
            case USER -> "asa> ";
            case ENABLE -> "asa# ";
            case CONFIG -> "asa(config)# ";
            case OBJECT -> "asa(config-network-object)# ";
            case GROUP -> "asa(config-network-object-group)# ";
        };
    }

    private void print(String text) throws IOException {
        out.write(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private String answer(String command) {
        if (command.isEmpty() || command.equals("terminal pager 0")) {
            return "";
        }
        AsaConfig config = device.config();
        synchronized (config) {
            if (command.equals("exit")) {
                mode = switch (mode) {
                    case OBJECT, GROUP -> Mode.CONFIG;
                    case CONFIG -> Mode.ENABLE;
                    default -> mode;
                };
                return "";
            }
            if (command.equals("end") && mode.compareTo(Mode.CONFIG) >= 0) {
                mode = Mode.ENABLE;
                return "";
            }
            String answer = switch (mode) {
                case USER -> null;
                case ENABLE -> privileged(command, config);
                case CONFIG -> configure(command, config);
                case OBJECT -> object(command, config);
                case GROUP -> group(command, config);
            };
            if (answer == null && mode != Mode.USER && mode != Mode.ENABLE) {
                answer = privileged(command, config); // the ASA runs exec commands in configuration modes too
            }
            return answer == null ? invalid(command) : answer;
        }
    }

    private static String invalid(String command) {
        return " ".repeat(Math.min(command.length(), 40) + 6) + "^\n" + INVALID + "\n";
    }

    private String privileged(String command, AsaConfig config) {
        Matcher m;
        if (command.equals("configure terminal") && mode == Mode.ENABLE) {
            mode = Mode.CONFIG;
            return "";
        }
        if (command.equals("write memory")) {
            device.save();
            return "Building configuration...\nCryptochecksum: 5a1e2f3c 00000000 00000000 00000000\n[OK]\n";
        }
        if (command.equals("show running-config object network")) {
            StringBuilder s = new StringBuilder();
            config.objects.keySet().forEach(name -> s.append(config.objectText(name)));
            return s.toString();
        }
        if ((m = Pattern.compile("show running-config object-group id (\\S+)").matcher(command)).matches()) {
            return config.groups.containsKey(m.group(1)) ? config.groupText(m.group(1))
                    : "ERROR: object-group " + m.group(1) + " does not exist\n";
        }
        if (command.equals("show access-list")) {
            StringBuilder s = new StringBuilder();
            config.accessLists.forEach(line -> s.append(line).append(" (hitcnt=0)\n"));
            return s.toString();
        }
        if (command.equals("show running-config")) {
            return config.running();
        }
        if (command.equals("show shun")) {
            StringBuilder s = new StringBuilder();
            config.shuns.forEach(a -> s.append("shun (outside) ").append(a).append(" 0.0.0.0 0 0 0\n"));
            return s.toString();
        }
        if ((m = Pattern.compile("(no )?shun (\\S+)").matcher(command)).matches()) {
            String address = address(m.group(2));
            if (address == null) {
                return invalid(command);
            }
            if (m.group(1) == null) {
                config.shuns.add(address);
                return "Shun " + address + " added in context: single_vf\nShun " + address + " successful\n";
            }
            return config.shuns.remove(address) ? "" : "ERROR: Shun does not exist for " + address + "\n";
        }
        return null;
    }

    private String configure(String command, AsaConfig config) {
        Matcher m;
        if ((m = Pattern.compile("object network ([\\w.-]{1,64})").matcher(command)).matches()) {
            current = m.group(1);
            config.objects.computeIfAbsent(current, n -> new AsaConfig.NetworkObject());
            mode = Mode.OBJECT;
            return "";
        }
        if ((m = Pattern.compile("no object network ([\\w.-]{1,64})").matcher(command)).matches()) {
            if (!config.objects.containsKey(m.group(1))) {
                return "ERROR: Object " + m.group(1) + " does not exist\n";
            }
            if (config.objectInUse(m.group(1))) {
                return "ERROR: unable to delete object (" + m.group(1) + "). Object is being used.\n";
            }
            config.objects.remove(m.group(1));
            return "";
        }
        if ((m = Pattern.compile("object-group network ([\\w.-]{1,64})").matcher(command)).matches()) {
            current = m.group(1);
            config.groups.computeIfAbsent(current, n -> new ArrayList<>());
            mode = Mode.GROUP;
            return "";
        }
        if ((m = Pattern.compile("access-list (\\S+) (line \\d+ )?extended (deny|permit) ip object-group (\\S+) any")
                .matcher(command)).matches()) {
            if (!config.groups.containsKey(m.group(4))) {
                return "ERROR: object-group " + m.group(4) + " does not exist\n";
            }
            config.accessLists.add(command);
            return "";
        }
        return null;
    }

    private String object(String command, AsaConfig config) {
        AsaConfig.NetworkObject object = config.objects.get(current);
        Matcher m;
        if ((m = Pattern.compile("host (\\S+)").matcher(command)).matches() && address(m.group(1)) != null) {
            object.definition = "host " + address(m.group(1));
            return "";
        }
        if ((m = Pattern.compile("subnet (\\S+) (\\S+)").matcher(command)).matches()
                && address(m.group(1)) != null && address(m.group(2)) != null) {
            object.definition = command;
            return "";
        }
        if ((m = Pattern.compile("subnet (\\S+)/(\\d{1,3})").matcher(command)).matches() && address(m.group(1)) != null) {
            object.definition = command;
            return "";
        }
        if ((m = Pattern.compile("description (.{1,200})").matcher(command)).matches()) {
            object.description = m.group(1);
            return "";
        }
        return null;
    }

    private String group(String command, AsaConfig config) {
        List<String> members = config.groups.get(current);
        Matcher m;
        if ((m = Pattern.compile("(no )?network-object (object \\S+|host \\S+)").matcher(command)).matches()) {
            String member = "network-object " + m.group(2);
            if (m.group(2).startsWith("object ") && !config.objects.containsKey(m.group(2).substring(7))) {
                return "ERROR: " + m.group(2).substring(7) + " does not exist\n";
            }
            if (m.group(1) == null) {
                if (!members.contains(member)) {
                    members.add(member);
                }
                return "";
            }
            if (!members.remove(member)) {
                return "ERROR: " + m.group(2) + " is not a member of " + current + "\n";
            }
            return "";
        }
        if (command.startsWith("description ")) {
            return "";
        }
        return null;
    }

    /** The canonical text of an address literal; null for anything else (names are never looked up). */
    private static String address(String text) {
        if (!ADDRESS_TEXT.matcher(text).matches()) {
            return null;
        }
        try {
            InetAddress.getByName(text); // a literal: parsed, not resolved
            return text;
        } catch (IOException e) {
            return null;
        }
    }
}
