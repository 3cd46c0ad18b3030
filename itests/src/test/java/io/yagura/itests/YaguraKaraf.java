package io.yagura.itests;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption;

/**
 * Boots the Yagura distribution built by karaf-assembly, as a user would get it, with
 * every port moved to a free one (other programs, or a Yagura started by hand, may hold
 * the defaults).
 */
final class YaguraKaraf {

    private YaguraKaraf() {
    }

    static List<Option> distribution() {
        String dist = System.getProperty("yagura.distribution");
        if (dist == null || !new File(dist).isFile()) {
            throw new IllegalStateException("Yagura distribution not found at " + dist
                    + "; build karaf-assembly first (mvn install)");
        }
        int amqp = freeTcpPort();
        int syslog = freeTcpAndUdpPort();
        int tls = freeTcpPort();
        List<Option> options = new ArrayList<>(List.of(
                karafDistributionConfiguration()
                        .frameworkUrl("file:" + new File(dist).getAbsolutePath())
                        .karafVersion("4.4.10")
                        .name("Yagura")
                        .unpackDirectory(new File(System.getProperty("yagura.itest.dir", "target/exam")))
                        .useDeployFolder(false),
                configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
                logLevel(LogLevelOption.LogLevel.WARN),
                editConfigurationFilePut("etc/custom.system.properties", "yagura.broker.amqp.port", Integer.toString(amqp)),
                editConfigurationFilePut("etc/io.yagura.ingest.cfg", "tcp.port", Integer.toString(syslog)),
                editConfigurationFilePut("etc/io.yagura.ingest.cfg", "udp.port", Integer.toString(syslog)),
                editConfigurationFilePut("etc/io.yagura.ingest.cfg", "tls.port", Integer.toString(tls)),
                editConfigurationFilePut("etc/io.yagura.ingest.relp.cfg", "port", Integer.toString(freeTcpPort())),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(freeTcpPort())),
                editConfigurationFilePut("etc/io.yagura.agent.centre.cfg", "bind.address", "127.0.0.1"),
                editConfigurationFilePut("etc/io.yagura.agent.centre.cfg", "broker.port", Integer.toString(freeTcpPort())),
                editConfigurationFilePut("etc/io.yagura.agent.centre.cfg", "enrol.port", Integer.toString(freeTcpPort())),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(freeTcpPort())),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(freeTcpPort())),
                systemProperty("yagura.itest.syslogPort").value(Integer.toString(syslog)),
                systemProperty("yagura.itest.tlsPort").value(Integer.toString(tls)),
                systemProperty("yagura.itest.amqpPort").value(Integer.toString(amqp)),
                // the probe waits for Pax Exam's injector while Karaf installs the boot features: on a
                // loaded 2-core machine that takes longer than the default 10 s
                systemProperty("pax.exam.service.timeout").value("120000"),
                // and, when the probe bundle starts, Pax Exam's extender looks for the JUnit invoker
                // for only 10 s by default, then gives up for good: the test then waits in vain for
                // its ProbeInvoker ("gave up waiting for service …ProbeInvokerFactory" in karaf.log)
                systemProperty("org.ops4j.pax.exam.raw.extender.intern.Parser.DEFAULT_TIMEOUT").value("180000")));
        if (Boolean.getBoolean("yagura.itest.keep")) {
            options.add(keepRuntimeFolder());
        }
        return options;
    }

    static int freeTcpPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A port free for both TCP and UDP, since the syslog listeners share one. */
    static int freeTcpAndUdpPort() {
        for (int i = 0; i < 50; i++) {
            int port = freeTcpPort();
            try (DatagramSocket d = new DatagramSocket(port)) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no port free for both TCP and UDP");
    }
}
