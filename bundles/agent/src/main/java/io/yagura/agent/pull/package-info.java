/**
 * SDEE pull on the customer-site agent: the devices an operator configures on the agent
 * (etc/io.yagura.agent.pull-&lt;id&gt;.cfg), their cursors in a file, for the pull scheduler of
 * yagura-pull, which sends their records into the agent's forward queue.
 */
package io.yagura.agent.pull;
