@org.osgi.annotation.versioning.Version("2.0.0")
package io.yagura.api.event;
