/** Customer-site agents as the centre knows them, for device health and the console. */
@org.osgi.annotation.versioning.Version("1.0.0")
package io.yagura.api.agent;
