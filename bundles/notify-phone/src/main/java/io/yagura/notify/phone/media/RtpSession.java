package io.yagura.notify.phone.media;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's RTP over UDP: sends G.711 μ-law (payload type 0) in 20 ms packets, paced in real
 * time, and listens for RFC 4733 telephone events (DTMF digits) on the payload types given (the
 * one offered in the SDP, and 96, which SIPp uses whatever the SDP says).
 */
public final class RtpSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RtpSession.class);
    /** 20 ms of 8 kHz audio. */
    public static final int SAMPLES_PER_PACKET = 160;
    private static final long PACKET_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final String EVENTS = "0123456789*#ABCD";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DatagramSocket socket;
    private final Set<Integer> eventPayloadTypes;
    private final Consumer<Character> digits;
    private final Thread receiver;
    private volatile InetSocketAddress remote;
    private volatile boolean closed;
    private final int ssrc = RANDOM.nextInt();
    private int sequence = RANDOM.nextInt(0x10000);
    private long timestamp = RANDOM.nextInt() & 0xFFFFFFFFL;
    private long lastEventTimestamp = -1;
    private long packetsSent;

    private RtpSession(DatagramSocket socket, Set<Integer> eventPayloadTypes, Consumer<Character> digits) {
        this.socket = socket;
        this.eventPayloadTypes = Set.copyOf(eventPayloadTypes);
        this.digits = digits;
        this.receiver = new Thread(this::receive, "yagura-rtp-" + socket.getLocalPort());
        receiver.setDaemon(true);
    }

    /**
     * Binds an even port of {@code [minPort, maxPort]} on {@code local} (RTP uses even ports) and starts
     * listening.
     *
     * @throws IOException when every port of the range is taken
     */
    public static RtpSession open(InetAddress local, int minPort, int maxPort, Set<Integer> eventPayloadTypes,
                                  Consumer<Character> digits) throws IOException {
        int span = Math.max(1, (maxPort - minPort) / 2 + 1);
        int first = RANDOM.nextInt(span);
        for (int i = 0; i < span; i++) {
            int port = minPort + 2 * ((first + i) % span);
            try {
                DatagramSocket s = new DatagramSocket(new InetSocketAddress(local, port));
                s.setSoTimeout(200);
                RtpSession session = new RtpSession(s, eventPayloadTypes, digits);
                session.receiver.start();
                return session;
            } catch (SocketException taken) {
                // next port
            }
        }
        throw new IOException("no free RTP port in " + minPort + "-" + maxPort + " on " + local.getHostAddress());
    }

    public int localPort() {
        return socket.getLocalPort();
    }

    /** Where the audio goes: the address and port of the callee's SDP answer. */
    public void remote(InetSocketAddress address) {
        this.remote = address;
    }

    /**
     * Sends {@code audio} (μ-law) in 20 ms packets, paced against the clock, until it ends or
     * {@code stop} says so (checked before each packet).
     *
     * @return the seconds of audio sent
     */
    public double play(byte[] audio, BooleanSupplier stop) throws IOException {
        InetSocketAddress to = remote;
        if (to == null) {
            throw new IllegalStateException("no remote RTP address");
        }
        long next = System.nanoTime();
        int sent = 0;
        boolean first = true;
        for (int off = 0; off < audio.length && !closed && !stop.getAsBoolean(); off += SAMPLES_PER_PACKET) {
            byte[] payload = new byte[SAMPLES_PER_PACKET];
            int n = Math.min(SAMPLES_PER_PACKET, audio.length - off);
            System.arraycopy(audio, off, payload, 0, n);
            java.util.Arrays.fill(payload, n, SAMPLES_PER_PACKET, (byte) 0xFF);
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait); // real-time pacing: the callee's jitter buffer expects 20 ms steps
            }
            send(to, payload, first);
            first = false;
            sent += SAMPLES_PER_PACKET;
            next += PACKET_NANOS;
        }
        return sent / 8000.0;
    }

    private synchronized void send(InetSocketAddress to, byte[] payload, boolean marker) throws IOException {
        byte[] p = new byte[12 + payload.length];
        p[0] = (byte) 0x80; // version 2
        p[1] = (byte) ((marker ? 0x80 : 0) | 0); // payload type 0, PCMU
        p[2] = (byte) (sequence >> 8);
        p[3] = (byte) sequence;
        p[4] = (byte) (timestamp >> 24);
        p[5] = (byte) (timestamp >> 16);
        p[6] = (byte) (timestamp >> 8);
        p[7] = (byte) timestamp;
        p[8] = (byte) (ssrc >> 24);
        p[9] = (byte) (ssrc >> 16);
        p[10] = (byte) (ssrc >> 8);
        p[11] = (byte) ssrc;
        System.arraycopy(payload, 0, p, 12, payload.length);
        socket.send(new DatagramPacket(p, p.length, to));
        sequence = (sequence + 1) & 0xFFFF;
        timestamp = (timestamp + SAMPLES_PER_PACKET) & 0xFFFFFFFFL;
        packetsSent++;
    }

    private void receive() {
        byte[] buf = new byte[2048];
        while (!closed) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("RTP port {}: receiving stopped: {}", socket.getLocalPort(), e.toString());
                }
                return;
            }
            Character digit = telephoneEvent(buf, p.getLength(), eventPayloadTypes);
            if (digit != null) {
                long ts = timestamp(buf);
                // An event is sent in several packets (and its end three times) with one timestamp: count it once.
                if (ts != lastEventTimestamp) {
                    lastEventTimestamp = ts;
                    digits.accept(digit);
                }
            }
        }
    }

    /** The digit of an RFC 4733 telephone-event packet, or null for any other packet. */
    public static Character telephoneEvent(byte[] p, int length, Set<Integer> eventPayloadTypes) {
        if (length < 12 || (p[0] & 0xC0) != 0x80) {
            return null;
        }
        int pt = p[1] & 0x7F;
        if (!eventPayloadTypes.contains(pt)) {
            return null;
        }
        int offset = 12 + 4 * (p[0] & 0x0F);
        if ((p[0] & 0x10) != 0) { // header extension
            if (length < offset + 4) {
                return null;
            }
            offset += 4 + 4 * (((p[offset + 2] & 0xFF) << 8) | (p[offset + 3] & 0xFF));
        }
        if (length < offset + 4) {
            return null;
        }
        int event = p[offset] & 0xFF;
        return event < EVENTS.length() ? EVENTS.charAt(event) : null;
    }

    private static long timestamp(byte[] p) {
        return ((p[4] & 0xFFL) << 24) | ((p[5] & 0xFFL) << 16) | ((p[6] & 0xFFL) << 8) | (p[7] & 0xFFL);
    }

    public long packetsSent() {
        return packetsSent;
    }

    @Override
    public void close() {
        closed = true;
        socket.close();
    }
}
