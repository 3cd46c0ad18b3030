package io.yagura.portal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The portal's settings (PID io.yagura.portal, etc/io.yagura.portal.cfg). */
@ObjectClassDefinition(name = "Yagura portal", description = "The customer portal over HTTPS")
public @interface PortalConfig {

    @AttributeDefinition(description = "HTTPS port of the portal (Pax Web's secure connector)")
    int port() default 8443;

    @AttributeDefinition(description = "Keep Pax Web's plain HTTP connector on (false: HTTPS only)")
    boolean http_enabled() default false;

    @AttributeDefinition(description = "Address in mailed links, e.g. https://soc.example.net:8443; empty: https://<host name>:<port>")
    String base_url() default "";

    @AttributeDefinition(description = "Failed logins in a row before an account is locked")
    int lockout_failures() default 5;

    @AttributeDefinition(description = "How long a locked account stays locked, minutes")
    int lockout_minutes() default 15;

    @AttributeDefinition(description = "Failed logins from one client address (IPv6: its /64), on any accounts, "
            + "within login.address.window.minutes that refuse further logins from it; 0: no limit")
    int login_address_failures() default 20;

    @AttributeDefinition(description = "The sliding window over which failed logins from one address are counted, minutes")
    int login_address_window_minutes() default 10;

    @AttributeDefinition(description = "How long logins from an address over the limit are refused, minutes")
    int login_address_block_minutes() default 15;

    @AttributeDefinition(description = "A session ends after this many minutes without a request")
    int session_idle_minutes() default 30;

    @AttributeDefinition(description = "A session ends this many hours after login whatever happens")
    int session_absolute_hours() default 12;

    @AttributeDefinition(description = "How long a mailed set-password link can be used, hours")
    int link_hours() default 24;
}
