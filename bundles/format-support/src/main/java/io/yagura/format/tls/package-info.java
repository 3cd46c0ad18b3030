/** Key pairs the platform makes for itself when the operator configured none (syslog TLS, the portal). */
@org.osgi.annotation.versioning.Version("1.0.0")
package io.yagura.format.tls;
