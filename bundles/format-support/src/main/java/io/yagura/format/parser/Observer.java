package io.yagura.format.parser;

/**
 * Who observed an event: ECS observer.vendor, observer.product, observer.type.
 *
 * @param type one of firewall, ids, ips, utm, waf, ngfw, vpn ({@code DeviceType.ecsValue()})
 */
public record Observer(String vendor, String product, String type) {

    public Observer withProduct(String otherProduct) {
        return new Observer(vendor, otherProduct, type);
    }

    public Observer withType(String otherType) {
        return new Observer(vendor, product, otherType);
    }
}
