/** See the classes of this package. */
@org.osgi.annotation.versioning.Version("1.1.0")
package io.yagura.format.net;
