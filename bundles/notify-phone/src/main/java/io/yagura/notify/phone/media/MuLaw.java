package io.yagura.notify.phone.media;

/** G.711 μ-law (ITU-T G.711, as used by RTP payload type 0, PCMU). */
public final class MuLaw {

    private static final int BIAS = 0x84;
    private static final int CLIP = 32635;

    private MuLaw() {
    }

    /** One 16-bit linear sample to its μ-law byte. */
    public static byte encode(short sample) {
        int s = sample;
        int sign = (s >> 8) & 0x80;
        if (sign != 0) {
            s = -s;
        }
        if (s > CLIP) {
            s = CLIP;
        }
        s += BIAS;
        int exponent = 7;
        for (int mask = 0x4000; (s & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (s >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    /** One μ-law byte to its 16-bit linear sample. */
    public static short decode(byte b) {
        int u = ~b & 0xFF;
        int t = ((u & 0x0F) << 3) + BIAS;
        t <<= (u & 0x70) >> 4;
        return (short) ((u & 0x80) != 0 ? BIAS - t : t - BIAS);
    }

    /** 16-bit little-endian signed PCM to μ-law, one byte per sample. */
    public static byte[] encodePcm16le(byte[] pcm) {
        byte[] out = new byte[pcm.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = encode((short) ((pcm[2 * i] & 0xFF) | (pcm[2 * i + 1] << 8)));
        }
        return out;
    }

    /** μ-law silence: {@code samples} bytes of 0xFF (the code of 0). */
    public static byte[] silence(int samples) {
        byte[] out = new byte[samples];
        java.util.Arrays.fill(out, (byte) 0xFF);
        return out;
    }
}
