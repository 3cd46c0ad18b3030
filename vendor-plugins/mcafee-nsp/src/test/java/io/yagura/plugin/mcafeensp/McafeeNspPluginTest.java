package io.yagura.plugin.mcafeensp;

import io.yagura.plugin.testkit.PluginContract;

class McafeeNspPluginTest extends PluginContract {

    static final McafeeNspPlugin PLUGIN = new McafeeNspPlugin();

    /**
     * The shared corpus: alerts, firewall and audit notifications become events; only faults (device
     * health) are ignored.
     * <p>
     * The probe must also refuse: a FortiGate line; a forwarder tag that is not one of NSM's.
     */
    McafeeNspPluginTest() {
        super(PLUGIN, 0.8,
                "<189>date=2024-03-12 time=09:15:02 devname=\"FGT-HQ\" devid=\"FGT60FTK2209A0B1\" logid=\"0000000013\" type=\"traffic\"",
                "Mar 12 09:15:02 host MySyslogForwarderApp: attack_name=x");
    }
}
