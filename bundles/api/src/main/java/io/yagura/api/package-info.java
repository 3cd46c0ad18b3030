@org.osgi.annotation.versioning.Version("1.4.0")
package io.yagura.api;
