package io.yagura.response;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Yagura emergency response",
        description = "Blocks of attackers on customers' firewalls: safelists, caps, expiry, the automatic path")
public @interface ResponseConfig {

    @AttributeDefinition(description = "Addresses and networks never blocked nor quarantined, for every customer: the SOC's "
            + "own addresses, DNS, NTP and update servers... (CIDR or address; yagura:safelist --global adds more at run time)")
    String[] safelist() default {};

    @AttributeDefinition(description = "Allow blocks of private and special ranges (RFC 1918, loopback, link-local, CGNAT, "
            + "multicast, reserved) outside the customer's own networks; false refuses them")
    boolean allow_special_ranges() default false;

    @AttributeDefinition(description = "Widest IPv4 network one block may cover (prefix length: 24 allows a /24 and narrower)")
    int cidr_min_prefix_ipv4() default 24;

    @AttributeDefinition(description = "Widest IPv6 network one block may cover (prefix length)")
    int cidr_min_prefix_ipv6() default 64;

    @AttributeDefinition(description = "Blocks active (or being placed) on one device at most; further requests are refused")
    int max_blocks_per_device() default 200;

    @AttributeDefinition(description = "Minutes a block lasts when the request gives no expiry")
    int default_expiry_minutes() default 1440;

    @AttributeDefinition(description = "Minutes a block may last at most from now (requests and extensions)")
    int max_expiry_minutes() default 10080;

    @AttributeDefinition(description = "Seconds between two runs of the expiry job (yagura-response-expiry)")
    int expiry_check_seconds() default 30;

    @AttributeDefinition(description = "Seconds a firewall driver may take to connect and for each device answer")
    int driver_timeout_seconds() default 20;

    @AttributeDefinition(description = "Evidence events of an incident read to judge whether its attacker is spoofable")
    int evidence_limit() default 1000;
}
