package io.yagura.notify.phone.sip;

import gov.nist.javax.sip.ClientTransactionExt;
import gov.nist.javax.sip.TlsSecurityPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.security.auth.x500.X500Principal;

/**
 * TLS: the trunk's certificate must name the host it was reached at (JAIN SIP checks the chain,
 * not the name): a DNS name (a wildcard for the left-most label) or an IP address of its subject
 * alternative names, or its common name when it has none. JAIN SIP makes it by name, with no
 * arguments (stack property gov.nist.javax.sip.TLS_SECURITY_POLICY); a refusal fails the
 * connection with this message.
 */
public final class TrunkHostPolicy implements TlsSecurityPolicy {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TrunkHostPolicy.class);

    /** What waits on the transaction (its application data), told of a refusal. */
    interface Refusals {
        void refused(String why);
    }

    @Override
    public void enforceTlsPolicy(ClientTransactionExt transaction) throws SecurityException {
        if (transaction == null || transaction.getNextHop() == null) {
            return; // nothing to compare with (not a request of ours)
        }
        String host = transaction.getNextHop().getHost();
        Certificate[] chain;
        try {
            chain = transaction.getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            throw new SecurityException("the trunk " + host + " presented no verified certificate");
        }
        if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate cert)) {
            throw new SecurityException("the trunk " + host + " presented no certificate");
        }
        List<String> names = names(cert);
        if (names.stream().noneMatch(n -> matches(n, host))) {
            String why = "the trunk's certificate names " + names + ", not " + host;
            LOG.error("TLS connection to the SIP trunk refused: {}", why);
            // The stack logs only "could not connect" and tells no listener: tell the call, which would ring out.
            if (transaction.getApplicationData() instanceof Refusals call) {
                call.refused(why);
            }
            throw new SecurityException(why);
        }
    }

    private static List<String> names(X509Certificate cert) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> san = cert.getSubjectAlternativeNames();
            if (san != null) {
                for (List<?> entry : san) {
                    int type = (Integer) entry.get(0);
                    if (type == 2 || type == 7) { // dNSName, iPAddress
                        out.add(String.valueOf(entry.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // no usable alternative names: the common name below
        }
        if (out.isEmpty()) {
            for (String rdn : cert.getSubjectX500Principal().getName(X500Principal.RFC2253).split(",")) {
                if (rdn.startsWith("CN=")) {
                    out.add(rdn.substring(3));
                }
            }
        }
        return out;
    }

    public static boolean matches(String name, String host) {
        String n = name.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT).replace("[", "").replace("]", "");
        if (n.equals(h)) {
            return true;
        }
        if (isAddress(n) || isAddress(h)) {
            try {
                return isAddress(n) && isAddress(h) && InetAddress.getByName(n).equals(InetAddress.getByName(h));
            } catch (UnknownHostException e) {
                return false;
            }
        }
        if (n.startsWith("*.")) {
            int dot = h.indexOf('.');
            return dot > 0 && h.substring(dot).equals(n.substring(1));
        }
        return false;
    }

    /** A literal address (never resolved: only literals reach InetAddress.getByName here). */
    private static boolean isAddress(String s) {
        return s.matches("[0-9.]+") || s.contains(":");
    }
}
