@org.osgi.annotation.versioning.Version("1.2.0")
package io.yagura.wire;
