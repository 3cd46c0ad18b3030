package io.yagura.notify.phone.media;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Text to telephone audio: Debian's {@code espeak-ng} speaks the text into a WAV file, the JDK
 * converts it to 8 kHz 16-bit mono and it is encoded to G.711 μ-law, ready for RTP.
 *
 * <p>Its Japanese voice reads kana only: Japanese text must be written in kana (see
 * {@link io.yagura.notify.phone.Readings}).
 */
public final class Speech {

    /** 8 kHz, 16-bit, mono, signed little-endian: what μ-law is encoded from. */
    static final AudioFormat TELEPHONE_PCM = new AudioFormat(8000f, 16, 1, true, false);
    private static final long TIMEOUT_SECONDS = 60;

    private final String command;

    /** @param command the espeak-ng program, e.g. "espeak-ng" or "/usr/bin/espeak-ng" */
    public Speech(String command) {
        this.command = command;
    }

    /**
     * @param language "ja" or "en" (espeak-ng voice)
     * @return μ-law audio, 8000 bytes a second
     * @throws SpeechException when espeak-ng is missing or fails, naming the cause
     */
    public byte[] speak(String language, String text) throws SpeechException {
        byte[] wav = synthesise(language, text);
        // javax.sound finds its readers and converters with the context class loader: in OSGi a bundle's
        // loader may not see the JDK's providers, the system class loader does.
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(ClassLoader.getSystemClassLoader());
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav));
             AudioInputStream pcm = AudioSystem.getAudioInputStream(TELEPHONE_PCM, asPcm16(in))) {
            return MuLaw.encodePcm16le(pcm.readAllBytes());
        } catch (UnsupportedAudioFileException | IOException | IllegalArgumentException e) {
            throw new SpeechException("cannot convert the speech of " + command + " to 8 kHz: " + e.getMessage(), e);
        } finally {
            t.setContextClassLoader(before);
        }
    }

    /** The JDK resamples 16-bit PCM; espeak-ng writes 16-bit already, this only makes sure of it. */
    private static AudioInputStream asPcm16(AudioInputStream in) {
        AudioFormat f = in.getFormat();
        if (f.getEncoding() == AudioFormat.Encoding.PCM_SIGNED && f.getSampleSizeInBits() == 16 && !f.isBigEndian()) {
            return in;
        }
        return AudioSystem.getAudioInputStream(new AudioFormat(f.getSampleRate(), 16, f.getChannels(), true, false),
                in);
    }

    private byte[] synthesise(String language, String text) throws SpeechException {
        List<String> cmd = new ArrayList<>(List.of(command, "-v", "ja".equals(language) ? "ja" : "en", "--stdout"));
        Process p;
        try {
            // Text on stdin: no length limit, no quoting of the command line.
            p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new SpeechException(command + " cannot be started (Debian package espeak-ng): " + e.getMessage(), e);
        }
        try {
            p.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            ByteArrayOutputStream wav = new ByteArrayOutputStream();
            try (InputStream out = p.getInputStream()) {
                out.transferTo(wav);
            }
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new SpeechException(command + " did not finish within " + TIMEOUT_SECONDS + " s", null);
            }
            if (p.exitValue() != 0 || wav.size() < 44) {
                String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                throw new SpeechException(command + " failed (exit " + p.exitValue() + "): " + err, null);
            }
            return wav.toByteArray();
        } catch (IOException e) {
            p.destroyForcibly();
            throw new SpeechException(command + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new SpeechException("interrupted while " + command + " was speaking", e);
        }
    }

    /** The text could not be turned into audio. */
    public static final class SpeechException extends Exception {
        private static final long serialVersionUID = 1L;

        public SpeechException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
