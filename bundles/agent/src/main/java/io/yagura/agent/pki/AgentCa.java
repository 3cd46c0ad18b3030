package io.yagura.agent.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The centre's private CA for agents. It signs exactly two kinds of certificate: agents'
 * client certificates (extended key usage clientAuth only, so a stolen agent certificate
 * cannot pose as the centre to other agents) and the centre's own server certificate for the
 * agents' acceptor and the enrolment endpoint (serverAuth only). Its key lives in a PKCS#12
 * file under the centre's data directory, readable by the owner only, never in the database.
 */
public final class AgentCa {

    static final String CA_ALIAS = "yagura-agent-ca";
    private static final String SIGNATURE = "SHA256withECDSA";
    private static final Duration CA_LIFETIME = Duration.ofDays(3650);

    private final PrivateKey key;
    private final X509Certificate certificate;
    private final SecureRandom random = new SecureRandom();

    private AgentCa(PrivateKey key, X509Certificate certificate) {
        this.key = key;
        this.certificate = certificate;
    }

    /** Loads the CA kept in {@code dir}, creating it (key, certificate, password) the first time. */
    public static AgentCa openOrCreate(Path dir) throws IOException, GeneralSecurityException {
        KeyFiles files = new KeyFiles(dir);
        Path store = dir.resolve("agent-ca.p12");
        char[] password = files.password("agent-ca.password");
        if (Files.exists(store)) {
            KeyStore ks = KeyFiles.load(store, password);
            return new AgentCa((PrivateKey) ks.getKey(CA_ALIAS, password), (X509Certificate) ks.getCertificate(CA_ALIAS));
        }
        KeyPair pair = newKeyPair();
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=Yagura agent CA " + Long.toHexString(new SecureRandom().nextLong()));
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(new SecureRandom()),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(CA_LIFETIME)), name, pair.getPublic());
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(builder.build(signer(pair.getPrivate())));
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(CA_ALIAS, pair.getPrivate(), password, new X509Certificate[] {cert});
            KeyFiles.save(ks, store, password);
            return new AgentCa(pair.getPrivate(), cert);
        } catch (OperatorCreationException | IOException e) {
            throw new GeneralSecurityException("could not create the agent CA: " + e.getMessage(), e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** SHA-256 of the CA certificate, as printed with an enrolment token and pinned by the agent. */
    public String fingerprint() {
        return Fingerprints.sha256(certificate);
    }

    /** A client certificate for agent {@code name} of {@code customer}. */
    public X509Certificate issueAgent(String name, String customer, PublicKey agentKey, Duration lifetime)
            throws GeneralSecurityException {
        X500Name subject = new X500Name("CN=" + AgentNames.checked(name) + ",OU=" + AgentNames.checked(customer)
                + ",O=Yagura agent");
        return issue(subject, agentKey, lifetime, KeyPurposeId.id_kp_clientAuth, List.of());
    }

    /** The centre's server certificate; {@code hosts} are the names and addresses agents connect to. */
    public X509Certificate issueServer(PublicKey serverKey, List<String> hosts, Duration lifetime)
            throws GeneralSecurityException {
        List<GeneralName> names = new ArrayList<>();
        for (String host : hosts) {
            names.add(new GeneralName(isAddress(host) ? GeneralName.iPAddress : GeneralName.dNSName, host));
        }
        return issue(new X500Name("CN=Yagura centre,O=Yagura"), serverKey, lifetime, KeyPurposeId.id_kp_serverAuth, names);
    }

    private X509Certificate issue(X500Name subject, PublicKey publicKey, Duration lifetime, KeyPurposeId purpose,
                                  List<GeneralName> altNames) throws GeneralSecurityException {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(random),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(lifetime)), subject, publicKey);
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            builder.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
            if (!altNames.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(altNames.toArray(GeneralName[]::new)));
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer(key)));
        } catch (OperatorCreationException | IOException e) {
            throw new GeneralSecurityException("could not issue a certificate for " + subject + ": " + e.getMessage(), e);
        }
    }

    /** True when {@code cert} was signed by this CA (the TLS layer checked it already; this is the login's own check). */
    public boolean issued(X509Certificate cert) {
        try {
            cert.verify(certificate.getPublicKey());
            cert.checkValidity();
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    public static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    private static ContentSigner signer(PrivateKey key) throws OperatorCreationException {
        return new JcaContentSignerBuilder(SIGNATURE).build(key);
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(127, random).add(BigInteger.ONE);
    }

    private static boolean isAddress(String host) {
        // A literal only: an address parser that never resolves names (a name goes in as dNSName).
        if (host.indexOf(':') >= 0) {
            return true;
        }
        return host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }
}
