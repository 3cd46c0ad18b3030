package io.yagura.plugin.fortinet;

import io.yagura.plugin.testkit.PluginContract;

class FortinetPluginTest extends PluginContract {

    static final FortinetPlugin PLUGIN = new FortinetPlugin();

    /**
     * The shared corpus: most real FortiGate lines are traffic, UTM and login/config events: they
     * must become events; only housekeeping (VPN statistics, HA, logouts, DNS query logs...) may be
     * ignored.
     * <p>
     * The probe must also refuse: other Fortinet products: FortiWeb (FV serial), FortiMail CEF; a
     * FortiGate serial without a log id.
     */
    FortinetPluginTest() {
        super(PLUGIN, 0.75,
                "date=2024-03-12 time=09:15:02 log_id=20000008 msg_id=000012 device_id=FV-1KD3A16800012 vd=\"root\" type=attack subtype=\"waf_signature_detection\"",
                "CEF:0|Fortinet|FortiMail|7.2|0003|spam|5|src=192.0.2.1",
                "devid=\"FGT60FTK2209A0B1\" but no log id");
    }
}
