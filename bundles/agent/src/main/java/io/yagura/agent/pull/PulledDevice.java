package io.yagura.agent.pull;

import io.yagura.api.registry.Device;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file etc/io.yagura.agent.pull-&lt;id&gt;.cfg (factory configuration io.yagura.agent.pull): the
 * device it describes, for the agent's registry ({@code AgentDevices}), or nothing when a field is
 * wrong, which is logged at ERROR once with the file and the field (the device is then not polled).
 */
@Component(service = PulledDevice.class, configurationPid = PulledDevice.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = PulledDeviceConfig.class, factory = true)
public class PulledDevice {

    public static final String FACTORY_PID = "io.yagura.agent.pull";
    private static final Logger LOG = LoggerFactory.getLogger(PulledDevice.class);

    private final Device device;
    private final String file;

    @Activate
    public PulledDevice(Map<String, Object> properties) {
        this(properties, Path.of(System.getProperty("karaf.etc", "etc")));
    }

    PulledDevice(Map<String, ?> properties, Path etc) {
        this.file = fileOf(properties);
        Device parsed = null;
        try {
            parsed = PulledDeviceSettings.parse(properties, etc);
            LOG.info("Pulled device {} from {}: {} at {}, records with source {}", parsed.id(), file, parsed.vendor(),
                    parsed.management().url(), parsed.addresses().get(0));
        } catch (PulledDeviceSettings.InvalidField e) {
            LOG.error("{}: {}; this device is not polled until the file is corrected (docs/agent.md)", file, e.getMessage());
        }
        this.device = parsed;
    }

    /** The device, or empty when its configuration is wrong. */
    public Optional<Device> device() {
        return Optional.ofNullable(device);
    }

    /** The file the configuration came from, for messages. */
    public String file() {
        return file;
    }

    /** The file fileinstall read the configuration from (a file: URL), else its pid. */
    static String fileOf(Map<String, ?> properties) {
        Object name = properties.get("felix.fileinstall.filename");
        if (name != null) {
            try {
                return Path.of(java.net.URI.create(name.toString())).toString();
            } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException notAFileUrl) {
                return name.toString();
            }
        }
        Object pid = properties.get("service.pid");
        return "configuration " + (pid == null ? FACTORY_PID : pid);
    }
}
