package io.yagura.api.plugin;

/** Kinds of monitored device; the value lands in observer.type. */
public enum DeviceType {
    FIREWALL("firewall"), IDS("ids"), IPS("ips"), UTM("utm"), WAF("waf"), NGFW("ngfw"), VPN("vpn");

    private final String ecsValue;

    DeviceType(String ecsValue) {
        this.ecsValue = ecsValue;
    }

    public String ecsValue() {
        return ecsValue;
    }
}
