/** See the classes of this package. */
@org.osgi.annotation.versioning.Version("1.2.0")
package io.yagura.format.net;
