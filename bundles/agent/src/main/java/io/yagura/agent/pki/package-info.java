/** The agents' CA, key stores and fingerprints: shared by the agent and the centre side. */
package io.yagura.agent.pki;
