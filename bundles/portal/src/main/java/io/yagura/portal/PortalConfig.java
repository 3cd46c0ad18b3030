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

    @AttributeDefinition(description = "A session ends after this many minutes without a request")
    int session_idle_minutes() default 30;

    @AttributeDefinition(description = "A session ends this many hours after login whatever happens")
    int session_absolute_hours() default 12;

    @AttributeDefinition(description = "How long a mailed set-password link can be used, hours")
    int link_hours() default 24;
}
