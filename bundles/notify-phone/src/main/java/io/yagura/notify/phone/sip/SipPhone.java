package io.yagura.notify.phone.sip;

import gov.nist.javax.sip.SipStackExt;
import gov.nist.javax.sip.clientauthutils.AccountManager;
import gov.nist.javax.sip.clientauthutils.AuthenticationHelper;
import gov.nist.javax.sip.clientauthutils.UserCredentials;
import io.yagura.notify.phone.media.RtpSession;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.PeerUnavailableException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SIP user agent that places calls to play a notice and collect a digit, over the JAIN SIP
 * reference implementation: REGISTER with digest authentication when a registrar is set;
 * INVITE with an SDP offer of PCMU and telephone-event (answering 401/407 challenges); ACK;
 * the notice as RTP; digits from RFC 4733 events or SIP INFO (application/dtmf-relay); BYE.
 * A call that rings longer than the ring timeout is cancelled.
 *
 * <p>Thread-safe: several calls may run at once, each on its caller's thread
 * ({@link #call} blocks until the call is over).
 */
public final class SipPhone implements SipListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SipPhone.class);
    private static final AtomicInteger STACKS = new AtomicInteger();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration FINAL_AFTER_CANCEL = Duration.ofSeconds(5);
    private static final int MAX_CHALLENGES = 2;

    private final SipSettings settings;
    private final SipStack stack;
    private final SipProvider provider;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final MessageFactory messages;
    private final AuthenticationHelper auth;
    private final InetAddress localInet;
    private final int localPort;
    private final Clock clock;
    private final Map<String, Call> calls = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Response>> registrations = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private volatile String registration = "not registered";
    /** One Call-ID for every registration of this node, CSeq increasing (RFC 3261 10.2). */
    private volatile String registerCallId;
    private final java.util.concurrent.atomic.AtomicLong registerCSeq = new java.util.concurrent.atomic.AtomicLong();

    private SipPhone(SipSettings settings, Clock clock, Properties extra) throws SipException {
        this.settings = settings;
        this.clock = clock;
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "yagura-phone-" + STACKS.incrementAndGet());
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "ERROR"); // the stack's own log goes to SLF4J (log4j-over-slf4j)
        p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "DisabledAll");
        p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", "TLSv1.3,TLSv1.2");
        p.setProperty("gov.nist.javax.sip.TLS_SECURITY_POLICY", TrunkHostPolicy.class.getName());
        p.putAll(extra);
        try {
            localInet = InetAddress.getByName(settings.localAddress());
            stack = factory.createSipStack(p);
            headers = factory.createHeaderFactory();
            addresses = factory.createAddressFactory();
            messages = factory.createMessageFactory();
            ListeningPoint lp = stack.createListeningPoint(settings.localAddress(), settings.localPort(),
                    settings.transport());
            provider = stack.createSipProvider(lp);
            provider.addSipListener(this);
            localPort = lp.getPort();
        } catch (PeerUnavailableException | InvalidArgumentException | java.util.TooManyListenersException
                 | java.net.UnknownHostException e) {
            throw new SipException("cannot start the SIP stack on " + settings.localAddress() + ":"
                    + settings.localPort() + "/" + settings.transport() + ": " + e.getMessage(), e);
        } catch (javax.sip.ObjectInUseException e) {
            throw new SipException("SIP stack: " + e.getMessage(), e);
        }
        auth = ((SipStackExt) stack).getAuthenticationHelper(new Account(), headers);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "yagura-sip-register");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the user agent (listening on the local address and port); registers when a registrar is set. */
    public static SipPhone start(SipSettings settings) throws SipException {
        return start(settings, new Properties());
    }

    /**
     * @param stack further JAIN SIP stack properties, e.g. {@code javax.net.ssl.trustStore},
     *              {@code javax.net.ssl.trustStorePassword} and {@code javax.net.ssl.trustStoreType} for a
     *              trunk whose TLS certificate the JVM's trust store does not know
     */
    public static SipPhone start(SipSettings settings, Properties stack) throws SipException {
        SipPhone phone = new SipPhone(settings, Clock.systemUTC(), stack);
        if (settings.registers()) {
            phone.timer.execute(phone::registerAndReschedule);
        }
        LOG.info("SIP phone started: {}", settings);
        return phone;
    }

    public SipSettings settings() {
        return settings;
    }

    /** The SIP port this node listens on. */
    public int localPort() {
        return localPort;
    }

    /** The registration's state, e.g. "registered at … until …" or the registrar's refusal. */
    public String registration() {
        return settings.registers() ? registration : "no registrar configured";
    }

    // ---- registration -------------------------------------------------------------------------

    private void registerAndReschedule() {
        long nextSeconds;
        try {
            nextSeconds = Math.max(30, register(settings.registerExpiry()).toSeconds() * 4 / 5);
        } catch (SipException e) {
            registration = "registration failed: " + e.getMessage();
            LOG.error("SIP registration at {}:{} failed: {} (next try in 60 s)", settings.registrarHost(),
                    settings.registrarPort(), e.getMessage());
            nextSeconds = 60;
        }
        try {
            timer.schedule(this::registerAndReschedule, nextSeconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // close() is under way
        }
    }

    /**
     * Registers (or, with a zero expiry, unregisters) this node's contact; answers digest challenges.
     *
     * @return the lifetime the registrar granted
     * @throws SipException when the registrar refuses, or does not answer within 10 s
     */
    public Duration register(Duration expiry) throws SipException {
        try {
            SipURI registrar = addresses.createSipURI(null, settings.registrarHost());
            registrar.setPort(settings.registrarPort());
            transportParam(registrar);
            Address self = addresses.createAddress(addresses.createSipURI(settings.user(), settings.domain()));
            if (registerCallId == null) {
                registerCallId = provider.getNewCallId().getCallId();
            }
            String callId = registerCallId;
            Request r = messages.createRequest(registrar, Request.REGISTER, headers.createCallIdHeader(callId),
                    headers.createCSeqHeader(registerCSeq.incrementAndGet(), Request.REGISTER), headers.createFromHeader(self, tag()),
                    headers.createToHeader(self, null), vias(), headers.createMaxForwardsHeader(70));
            r.addHeader(headers.createContactHeader(contactAddress()));
            r.addHeader(headers.createExpiresHeader((int) expiry.toSeconds()));
            r.addHeader(headers.createUserAgentHeader(List.of("Yagura")));
            CompletableFuture<Response> result = new CompletableFuture<>();
            registrations.put(callId, result);
            try {
                provider.getNewClientTransaction(r).sendRequest();
                Response answer = result.get(10, TimeUnit.SECONDS);
                // an answered challenge raised the CSeq: the next REGISTER goes above it
                registerCSeq.accumulateAndGet(((CSeqHeader) answer.getHeader(CSeqHeader.NAME)).getSeqNumber(), Math::max);
                if (answer.getStatusCode() / 100 != 2) {
                    throw new SipException("the registrar answered " + statusText(answer));
                }
                javax.sip.header.ExpiresHeader e = answer.getExpires();
                Duration granted = e != null ? Duration.ofSeconds(e.getExpires()) : expiry;
                registration = expiry.isZero() ? "unregistered" : "registered at " + settings.registrarHost() + ":"
                        + settings.registrarPort() + " until " + clock.instant().plus(granted);
                LOG.info("SIP {} ({})", registration, statusText(answer));
                return granted;
            } finally {
                registrations.remove(callId);
            }
        } catch (java.text.ParseException | InvalidArgumentException e) {
            throw new SipException("cannot build the REGISTER: " + e.getMessage(), e);
        } catch (TimeoutException e) {
            throw new SipException("no answer from the registrar within 10 s", e);
        } catch (ExecutionException e) {
            throw new SipException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SipException("interrupted", e);
        }
    }

    // ---- calls --------------------------------------------------------------------------------

    /**
     * What a call plays and waits for. The audio may still be in the making when the call starts:
     * it is needed only once the callee answers (speech is made while the phone rings).
     *
     * @param thanks said after the digit; null for nothing
     */
    public record Script(CompletableFuture<byte[]> notice, CompletableFuture<byte[]> thanks, char ackDigit,
                         Duration digitWait, String subject) {

        /** Said by the INVITE's Subject when the caller gives none. */
        public static final String DEFAULT_SUBJECT = "Yagura SOC notice";

        public Script {
            subject = subject == null || subject.isBlank() ? DEFAULT_SUBJECT : subject.strip();
        }

        /** With audio at hand, under the default subject. */
        public Script(byte[] notice, byte[] thanks, char ackDigit, Duration digitWait) {
            this(CompletableFuture.completedFuture(notice), CompletableFuture.completedFuture(thanks), ackDigit,
                    digitWait, null);
        }
    }

    /** How long an answered call waits for speech still in the making. */
    private static final Duration SPEECH_WAIT = Duration.ofSeconds(30);

    /**
     * Calls {@code number} (the user part of the request URI at the trunk), plays the script's
     * notice and waits for its digit; blocks until the call is over.
     *
     * @return what happened, never null; failures of this side are an answer too ("cannot send the INVITE: …")
     */
    public CallResult call(String number, Script script) {
        Instant at = clock.instant();
        Call c = new Call(script.ackDigit());
        RtpSession rtp;
        try {
            rtp = RtpSession.open(localInet, settings.rtpMinPort(), settings.rtpMaxPort(),
                    Set.of(Sdp.TELEPHONE_EVENT, Sdp.SIPP_TELEPHONE_EVENT), c::digit);
        } catch (IOException e) {
            return new CallResult(number, at, 0, "not called: " + e.getMessage(), 0, "", false);
        }
        String callId = null;
        try {
            Request invite = invite(number, rtp.localPort(), script.subject());
            callId = ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
            calls.put(callId, c);
            ClientTransaction t = provider.getNewClientTransaction(invite);
            t.setApplicationData(c); // TrunkHostPolicy tells the call when it refuses the trunk's certificate
            c.transaction = t;
            t.sendRequest();
            Response answer = awaitFinal(c, number);
            if (answer == null) {
                return new CallResult(number, at, 408, "no answer within " + settings.ringTimeout().toSeconds()
                        + " s (CANCEL sent)", 0, c.digits(), false);
            }
            if (answer.getStatusCode() / 100 != 2) {
                return new CallResult(number, at, answer.getStatusCode(), statusText(answer), 0, c.digits(), false);
            }
            return talk(c, number, at, answer, rtp, script);
        } catch (SipException | java.text.ParseException | InvalidArgumentException e) {
            LOG.warn("Call to {} failed on this side: {}", number, e.getMessage());
            return new CallResult(number, at, 0, "cannot call: " + e.getMessage(), 0, c.digits(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            hangUp(c, number);
            return new CallResult(number, at, 0, "interrupted (node stopping)", 0, c.digits(), false);
        } finally {
            if (callId != null) {
                calls.remove(callId);
            }
            rtp.close();
        }
    }

    /** The final answer to the INVITE, or null when it rang out and was cancelled. */
    private Response awaitFinal(Call c, String number) throws InterruptedException, SipException {
        try {
            return c.finalResponse.get(settings.ringTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            c.cancelled = true;
            try {
                provider.getNewClientTransaction(c.transaction.createCancel()).sendRequest();
            } catch (SipException notYet) {
                LOG.debug("CANCEL to {} not sent: {}", number, notYet.getMessage());
            }
            try {
                Response late = c.finalResponse.get(FINAL_AFTER_CANCEL.toMillis(), TimeUnit.MILLISECONDS);
                if (late.getStatusCode() / 100 == 2) {
                    hangUp(c, number); // answered as we cancelled: the 200 was ACKed, end it properly
                }
            } catch (TimeoutException | ExecutionException ignored) {
                // the peer did not confirm the CANCEL; the transaction times out by itself
            }
            return null;
        } catch (ExecutionException e) {
            throw new SipException(e.getCause().getMessage(), e.getCause());
        }
    }

    private CallResult talk(Call c, String number, Instant at, Response ok, RtpSession rtp, Script script)
            throws InterruptedException {
        String status = statusText(ok);
        double played = 0;
        try {
            Sdp.Answer sdp = Sdp.parseAnswer(new String(ok.getRawContent() == null ? new byte[0] : ok.getRawContent(),
                    StandardCharsets.UTF_8));
            rtp.remote(sdp.audio());
            byte[] notice = script.notice().get(SPEECH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            played += rtp.play(notice, () -> c.acknowledged || c.hungUp.getCount() == 0);
            if (!c.acknowledged && c.hungUp.getCount() > 0) {
                // After the notice: the digit may still come, until the wait ends or the callee hangs up.
                long end = System.nanoTime() + script.digitWait().toNanos();
                while (!c.acknowledged && System.nanoTime() < end
                        && !c.hungUp.await(Math.min(100, (end - System.nanoTime()) / 1_000_000 + 1),
                        TimeUnit.MILLISECONDS)) {
                    // poll the flag set by the RTP and INFO threads
                }
            }
            byte[] thanks = script.thanks() == null ? null : script.thanks().getNow(null);
            if (c.acknowledged && thanks != null && c.hungUp.getCount() > 0) {
                played += rtp.play(thanks, () -> c.hungUp.getCount() == 0);
            }
        } catch (IllegalArgumentException e) {
            status = status + ", but " + e.getMessage();
            LOG.warn("Call to {}: {}", number, status);
        } catch (IOException e) {
            status = status + ", audio failed: " + e.getMessage();
            LOG.warn("Call to {}: {}", number, status);
        } catch (ExecutionException | TimeoutException e) {
            String why = e instanceof TimeoutException ? "not ready within " + SPEECH_WAIT.toSeconds() + " s"
                    : String.valueOf(e.getCause() == null ? e : e.getCause().getMessage());
            status = status + ", but the notice could not be spoken: " + why;
            LOG.error("Call to {}: {}", number, status);
        }
        boolean byThem = c.hungUp.getCount() == 0;
        if (!byThem) {
            hangUp(c, number);
        }
        return new CallResult(number, at, ok.getStatusCode(), status + (byThem ? ", callee hung up" : ""),
                Math.round(played * 10) / 10.0, c.digits(), c.acknowledged);
    }

    private void hangUp(Call c, String number) {
        Dialog d = c.dialog;
        if (d == null) {
            return;
        }
        try {
            Request bye = d.createRequest(Request.BYE);
            d.sendRequest(provider.getNewClientTransaction(bye));
        } catch (SipException e) {
            LOG.warn("BYE to {} not sent: {}", number, e.getMessage());
        }
    }

    private Request invite(String number, int rtpPort, String subject)
            throws java.text.ParseException, InvalidArgumentException {
        if (!number.matches("\\+?[0-9A-Za-z*#._-]+")) {
            throw new java.text.ParseException("'" + number + "' is not a phone number (digits, optional +)", 0);
        }
        SipURI target = addresses.createSipURI(number, settings.trunkHost());
        target.setPort(settings.trunkPort());
        transportParam(target);
        Address from = addresses.createAddress(addresses.createSipURI(settings.user(), settings.domain()));
        from.setDisplayName("Yagura SOC");
        Address to = addresses.createAddress(addresses.createSipURI(number, settings.domain()));
        Request r = messages.createRequest(target, Request.INVITE, provider.getNewCallId(),
                headers.createCSeqHeader(1L, Request.INVITE), headers.createFromHeader(from, tag()),
                headers.createToHeader(to, null), vias(), headers.createMaxForwardsHeader(70));
        r.addHeader(headers.createContactHeader(contactAddress()));
        r.addHeader(headers.createUserAgentHeader(List.of("Yagura")));
        r.addHeader(headers.createAllowHeader("INVITE, ACK, CANCEL, BYE, INFO, OPTIONS"));
        // Shown by many phones while ringing, and what ties a trunk's call record to the incident.
        r.addHeader(headers.createSubjectHeader(subject));
        ContentTypeHeader sdp = headers.createContentTypeHeader("application", "sdp");
        r.setContent(Sdp.offer(settings.localAddress(), rtpPort, RANDOM.nextInt(1 << 30)), sdp);
        return r;
    }

    private List<ViaHeader> vias() throws java.text.ParseException, InvalidArgumentException {
        List<ViaHeader> v = new ArrayList<>();
        v.add(headers.createViaHeader(settings.localAddress(), localPort, settings.transport(), null));
        return v;
    }

    private Address contactAddress() throws java.text.ParseException {
        SipURI u = addresses.createSipURI(settings.user(), settings.localAddress());
        u.setPort(localPort);
        transportParam(u);
        return addresses.createAddress(u);
    }

    private void transportParam(SipURI u) throws java.text.ParseException {
        if (!"udp".equals(settings.transport())) {
            u.setTransportParam(settings.transport());
        }
    }

    private static String tag() {
        return Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE);
    }

    static String statusText(Response r) {
        return r.getStatusCode() + " " + (r.getReasonPhrase() == null ? "" : r.getReasonPhrase()).trim();
    }

    // ---- SipListener --------------------------------------------------------------------------

    @Override
    public void processResponse(ResponseEvent event) {
        Response r = event.getResponse();
        CSeqHeader cseq = (CSeqHeader) r.getHeader(CSeqHeader.NAME);
        String callId = ((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId();
        int status = r.getStatusCode();
        if (Request.REGISTER.equals(cseq.getMethod())) {
            CompletableFuture<Response> f = registrations.get(callId);
            if (f != null && !challenged(event, status, null)) {
                if (status >= 200) {
                    f.complete(r);
                }
            }
            return;
        }
        if (!Request.INVITE.equals(cseq.getMethod())) {
            return; // answers to BYE and CANCEL: nothing waits for them
        }
        Call c = calls.get(callId);
        if (status / 100 == 2) {
            Dialog d = event.getDialog();
            try {
                if (d != null) {
                    d.sendAck(d.createAck(cseq.getSeqNumber()));
                }
            } catch (SipException | InvalidArgumentException e) {
                LOG.warn("ACK for call {} not sent: {}", callId, e.getMessage());
            }
            if (c == null) {
                // A 200 for a call given up (retransmitted, or after CANCEL): end it so it does not stay open.
                if (d != null) {
                    try {
                        d.sendRequest(provider.getNewClientTransaction(d.createRequest(Request.BYE)));
                    } catch (SipException e) {
                        LOG.debug("BYE for stray call {} not sent: {}", callId, e.getMessage());
                    }
                }
                return;
            }
            c.dialog = d;
            c.finalResponse.complete(r);
            return;
        }
        if (c == null || status < 200 || challenged(event, status, c)) {
            return;
        }
        c.finalResponse.complete(r);
    }

    /** Answers a 401/407 with credentials; true when a new request was sent. */
    private boolean challenged(ResponseEvent event, int status, Call c) {
        if ((status != 401 && status != 407) || settings.password().isEmpty()) {
            return false;
        }
        AtomicInteger tries = c != null ? c.challenges : null;
        if (tries != null && tries.incrementAndGet() > MAX_CHALLENGES) {
            return false; // the credentials are refused: the 401/407 is the answer
        }
        try {
            ClientTransaction retry = auth.handleChallenge(event.getResponse(), event.getClientTransaction(),
                    provider, 5);
            if (c != null) {
                retry.setApplicationData(c);
                c.transaction = retry;
            }
            retry.sendRequest();
            return true;
        } catch (SipException | NullPointerException e) {
            LOG.warn("Cannot answer the digest challenge ({}): {}", status, e.getMessage());
            return false;
        }
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request r = event.getRequest();
        String method = r.getMethod();
        if (Request.ACK.equals(method)) {
            return;
        }
        String callId = ((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId();
        Call c = calls.get(callId);
        int status;
        switch (method) {
            case Request.BYE -> {
                status = 200;
                if (c != null) {
                    c.hungUp.countDown();
                }
            }
            case Request.INFO -> {
                status = 200;
                Character digit = infoDigit(r);
                if (c != null && digit != null) {
                    c.digit(digit);
                }
            }
            case Request.OPTIONS -> status = 200;
            case Request.INVITE -> status = c != null ? 488 : 603; // this agent only calls out
            case Request.CANCEL -> status = 481;
            default -> status = 405;
        }
        try {
            ServerTransaction st = event.getServerTransaction();
            if (st == null) {
                st = provider.getNewServerTransaction(r);
            }
            st.sendResponse(messages.createResponse(status, r));
        } catch (SipException | InvalidArgumentException | java.text.ParseException e) {
            LOG.debug("No answer sent to {}: {}", method, e.getMessage());
        }
    }

    /** The digit of a SIP INFO: application/dtmf-relay ("Signal=1") or application/dtmf ("1"). */
    static Character infoDigit(Request r) {
        byte[] raw = r.getRawContent();
        if (raw == null) {
            return null;
        }
        ContentTypeHeader type = (ContentTypeHeader) r.getHeader(ContentTypeHeader.NAME);
        String subtype = type == null ? "" : type.getContentSubType().toLowerCase(Locale.ROOT);
        String body = new String(raw, StandardCharsets.UTF_8).trim();
        if (subtype.equals("dtmf-relay")) {
            for (String line : body.split("\r?\n")) {
                String[] kv = line.split("=", 2);
                if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("Signal") && !kv[1].isBlank()) {
                    return kv[1].trim().charAt(0);
                }
            }
            return null;
        }
        if (subtype.equals("dtmf") && !body.isEmpty()) {
            char d = body.charAt(0);
            return body.length() == 1 || !Character.isDigit(body.charAt(1)) ? d : null;
        }
        return null;
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (event.isServerTransaction() || event.getClientTransaction() == null) {
            return;
        }
        Request r = event.getClientTransaction().getRequest();
        String callId = ((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId();
        SipException timeout = new SipException("no answer from " + r.getRequestURI() + " (SIP transaction timeout)");
        CompletableFuture<Response> reg = registrations.get(callId);
        if (reg != null) {
            reg.completeExceptionally(timeout);
        }
        Call c = calls.get(callId);
        if (c != null && Request.INVITE.equals(r.getMethod())) {
            c.finalResponse.completeExceptionally(timeout);
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.warn("SIP transport error towards {}:{}/{}", event.getHost(), event.getPort(), event.getTransport());
        // A connection that failed (refused, or its TLS certificate refused) gets no answer: end the calls
        // waiting on it now, rather than let them ring out as if nobody answered.
        SipException failed = new SipException("cannot reach " + event.getHost() + ":" + event.getPort() + "/"
                + event.getTransport());
        for (Call c : calls.values()) {
            ClientTransaction t = c.transaction;
            if (t != null && t.getRequest().getRequestURI() instanceof SipURI u && u.getPort() == event.getPort()) {
                c.finalResponse.completeExceptionally(failed);
            }
        }
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // nothing kept per transaction
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // calls are forgotten when call() returns
    }

    /** Unregisters (best effort) and stops the stack. Calls in progress end with an error. */
    @Override
    public void close() {
        timer.shutdownNow();
        if (settings.registers() && registration.startsWith("registered")) {
            try {
                register(Duration.ZERO);
            } catch (SipException e) {
                LOG.info("SIP unregistration not confirmed: {}", e.getMessage());
            }
        }
        for (Call c : calls.values()) {
            c.hungUp.countDown();
            c.finalResponse.completeExceptionally(new SipException("the phone is stopping"));
        }
        stack.stop();
    }

    /** Gives the digest credentials for every realm: the account of the settings. */
    private final class Account implements AccountManager {
        @Override
        public UserCredentials getCredentials(ClientTransaction challenged, String realm) {
            return new UserCredentials() {
                @Override
                public String getUserName() {
                    return settings.user();
                }

                @Override
                public String getPassword() {
                    return settings.password();
                }

                @Override
                public String getSipDomain() {
                    return settings.domain();
                }
            };
        }
    }

    /** One call in progress; its fields are set by the SIP and RTP threads. */
    private static final class Call implements TrunkHostPolicy.Refusals {
        final char ackDigit;
        final CompletableFuture<Response> finalResponse = new CompletableFuture<>();
        final CountDownLatch hungUp = new CountDownLatch(1);
        final AtomicInteger challenges = new AtomicInteger();
        final StringBuffer digits = new StringBuffer();
        volatile ClientTransaction transaction;
        volatile Dialog dialog;
        volatile boolean cancelled;
        volatile boolean acknowledged;

        Call(char ackDigit) {
            this.ackDigit = ackDigit;
        }

        @Override
        public void refused(String why) {
            finalResponse.completeExceptionally(new SipException(why));
        }

        void digit(char d) {
            digits.append(d);
            if (d == ackDigit) {
                acknowledged = true;
            }
        }

        String digits() {
            return digits.toString();
        }
    }
}
