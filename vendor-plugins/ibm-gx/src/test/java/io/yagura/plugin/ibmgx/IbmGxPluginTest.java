package io.yagura.plugin.ibmgx;

import io.yagura.plugin.testkit.PluginContract;

class IbmGxPluginTest extends PluginContract {

    static final IbmGxPlugin PLUGIN = new IbmGxPlugin();

    /**
     * The shared corpus: the one public line is an attack event's attribute list: it must become an
     * event.
     * <p>
     * The probe must also refuse: a FortiGate line, LEEF of another IBM product, a McAfee NSP alert.
     */
    IbmGxPluginTest() {
        super(PLUGIN, 0.99,
                "<189>date=2024-03-12 time=09:15:02 devname=\"FGT-HQ\" devid=\"FGT60FTK2209A0B1\" logid=\"0000000013\" type=\"traffic\"",
                "LEEF:1.0|IBM|QRadar|7.5|Login|cat=Audit\tsrc=192.0.2.1",
                "<113>Mar 12 09:15:02 SyslogAlertForwarder: NSP-DMZ-01 detected Inbound attack X (severity = High). 203.0.113.45:1 -> 192.0.2.80:2 (result = Attack Blocked)");
    }
}
