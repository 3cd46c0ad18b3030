@org.osgi.annotation.versioning.Version("2.1.0")
package io.yagura.api.event;
