/** The store-and-forward bridge both hops of an agent's lines use: agent to centre, and gateway node to an external broker. */
package io.yagura.agent.forward;
