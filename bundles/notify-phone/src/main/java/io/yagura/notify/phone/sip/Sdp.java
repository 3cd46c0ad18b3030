package io.yagura.notify.phone.sip;

import java.net.InetSocketAddress;
import java.util.Locale;

/** The little of SDP (RFC 4566) a call needs: our offer, and where the callee wants its audio. */
public final class Sdp {

    /** The payload type we offer for RFC 4733 telephone events. */
    public static final int TELEPHONE_EVENT = 101;
    /** The payload type SIPp's play_dtmf uses whatever the SDP says. */
    public static final int SIPP_TELEPHONE_EVENT = 96;

    private Sdp() {
    }

    /** PCMU/8000 and telephone-event/8000 on {@code rtpPort}, send and receive. */
    public static String offer(String address, int rtpPort, long sessionId) {
        String ip = address.contains(":") ? "IP6" : "IP4";
        return "v=0\r\n"
                + "o=yagura " + sessionId + " " + sessionId + " IN " + ip + " " + address + "\r\n"
                + "s=Yagura notice\r\n"
                + "c=IN " + ip + " " + address + "\r\n"
                + "t=0 0\r\n"
                + "m=audio " + rtpPort + " RTP/AVP 0 " + TELEPHONE_EVENT + "\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:" + TELEPHONE_EVENT + " telephone-event/8000\r\n"
                + "a=fmtp:" + TELEPHONE_EVENT + " 0-16\r\n"
                + "a=ptime:20\r\n"
                + "a=sendrecv\r\n";
    }

    /** The callee's answer, read. */
    public record Answer(InetSocketAddress audio, Integer telephoneEvent) {
    }

    /**
     * @throws IllegalArgumentException when the answer has no audio address, or refuses PCMU
     */
    public static Answer parseAnswer(String sdp) {
        String sessionAddress = null;
        String mediaAddress = null;
        Integer port = null;
        Integer events = null;
        boolean pcmu = false;
        boolean inAudio = false;
        for (String raw : sdp.split("\r?\n")) {
            String line = raw.trim();
            if (line.startsWith("m=")) {
                inAudio = line.startsWith("m=audio ");
                if (inAudio) {
                    String[] f = line.substring(2).split("\\s+");
                    port = Integer.parseInt(f[1].split("/")[0]);
                    for (int i = 3; i < f.length; i++) {
                        pcmu |= f[i].equals("0");
                    }
                }
            } else if (line.startsWith("c=")) {
                String[] f = line.substring(2).split("\\s+");
                String a = f.length >= 3 ? f[2].split("/")[0] : null;
                if (port == null && !inAudio) {
                    sessionAddress = a;
                } else if (inAudio) {
                    mediaAddress = a;
                }
            } else if (inAudio && line.toLowerCase(Locale.ROOT).startsWith("a=rtpmap:")
                    && line.toLowerCase(Locale.ROOT).contains("telephone-event/")) {
                events = Integer.parseInt(line.substring("a=rtpmap:".length()).split("\\s+")[0]);
            }
        }
        String address = mediaAddress != null ? mediaAddress : sessionAddress;
        if (address == null || port == null || port == 0) {
            throw new IllegalArgumentException("the SDP answer has no audio stream (c= and m=audio)");
        }
        if (!pcmu) {
            throw new IllegalArgumentException("the SDP answer does not accept PCMU (payload type 0)");
        }
        return new Answer(new InetSocketAddress(address, port), events);
    }
}
