@org.osgi.annotation.versioning.Version("3.0.0")
package io.yagura.api.plugin;
