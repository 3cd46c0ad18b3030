package io.yagura.agent.centre;

import java.security.Principal;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;
import org.apache.activemq.artemis.spi.core.security.jaas.CertificateCallback;

/**
 * Logs an agent's broker connection in by its TLS client certificate alone (the agents' acceptor
 * names this JAAS domain with {@code securityDomain}). The user is {@code agent.<name>}, its only
 * role {@code agent.<name>}, which may send to the agent's own address and nothing else. A revoked
 * or superseded certificate is refused here even though the CA signed it.
 *
 * <p>Options: {@code authority} (an {@link AgentAuthority}), {@code user} and {@code role}
 * (functions making the principals the broker's security manager looks for: Karaf's in Karaf).
 */
public final class AgentLoginModule implements LoginModule {

    public static final String AUTHORITY = "authority";
    public static final String USER = "user";
    public static final String ROLE = "role";

    private Subject subject;
    private CallbackHandler callbacks;
    private AgentAuthority authority;
    private Function<String, Principal> user;
    private Function<String, Principal> role;
    private String agent;
    private Principal[] principals;

    @Override
    @SuppressWarnings("unchecked")
    public void initialize(Subject subject, CallbackHandler handler, Map<String, ?> shared, Map<String, ?> options) {
        this.subject = subject;
        this.callbacks = handler;
        this.authority = (AgentAuthority) options.get(AUTHORITY);
        this.user = (Function<String, Principal>) options.get(USER);
        this.role = (Function<String, Principal>) options.get(ROLE);
    }

    @Override
    public boolean login() throws LoginException {
        if (authority == null || user == null || role == null) {
            throw new LoginException("AgentLoginModule needs the options authority, user and role");
        }
        CertificateCallback certificate = new CertificateCallback();
        try {
            callbacks.handle(new Callback[] {certificate});
        } catch (Exception e) {
            throw new LoginException("no client certificate available: " + e.getMessage());
        }
        X509Certificate[] chain = certificate.getCertificates();
        if (chain == null || chain.length == 0) {
            throw new FailedLoginException("agents log in with their client certificate; none was presented");
        }
        Optional<String> name = authority.agentOf(chain);
        if (name.isEmpty()) {
            throw new FailedLoginException("certificate " + chain[0].getSubjectX500Principal()
                    + " is not the current certificate of an enrolled agent");
        }
        agent = "agent." + name.get();
        return true;
    }

    @Override
    public boolean commit() {
        if (agent == null) {
            return false;
        }
        principals = new Principal[] {user.apply(agent), role.apply(agent)};
        for (Principal p : principals) {
            subject.getPrincipals().add(p);
        }
        return true;
    }

    @Override
    public boolean abort() {
        agent = null;
        return true;
    }

    @Override
    public boolean logout() {
        if (principals != null) {
            for (Principal p : principals) {
                subject.getPrincipals().remove(p);
            }
        }
        agent = null;
        return true;
    }
}
