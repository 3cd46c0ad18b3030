package io.yagura.notify.phone;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How names are read aloud: {@code etc/yagura/phone-readings.properties} (UTF-8), one line per
 * name and language. Japanese readings are written in kana (espeak-ng's Japanese voice reads
 * nothing else):
 * <pre>
 * ja.customer.acme = あくめしょうじ
 * ja.contact.acme.Tanaka\ Taro = たなか たろう
 * en.customer.acme = Acme Trading
 * </pre>
 * (a space in a key is written {@code \ }). Without a reading, a name is spoken as it is
 * written when the voice can read it (any name in English, a kana name in Japanese); otherwise
 * the template's generic word is spoken and the missing reading is logged once.
 */
public final class Readings {

    private static final Logger LOG = LoggerFactory.getLogger(Readings.class);
    /** What espeak-ng's Japanese voice reads: kana, the long-vowel mark, spaces and punctuation. */
    private static final Pattern SPEAKABLE_JA = Pattern.compile("[\\p{IsHiragana}\\p{IsKatakana}ー・、。 　,.!?？！]*");

    private final Path file;
    private final Map<String, String> readings;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    private Readings(Path file, Map<String, String> readings) {
        this.file = file;
        this.readings = Map.copyOf(readings);
    }

    /**
     * Reads the file; a missing file is no readings (logged), a Japanese reading that is not kana
     * is refused at load (logged with its key), so that it is found before a call needs it.
     */
    public static Readings load(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            LOG.info("No phone readings file {}: names are spoken as written where the voice can read them", file);
        } catch (IOException | IllegalArgumentException e) {
            LOG.error("Phone readings file {} cannot be read: {}; names are spoken as written", file, e.getMessage());
        }
        Map<String, String> m = new ConcurrentHashMap<>();
        for (String key : p.stringPropertyNames()) {
            String value = p.getProperty(key).trim();
            if (key.startsWith("ja.") && !speakableJapanese(value)) {
                LOG.error("Phone reading {} = '{}' in {} is not kana: espeak-ng's Japanese voice reads kana only; "
                        + "the reading is not used", key, value, file);
                continue;
            }
            if (!value.isEmpty()) {
                m.put(key, value);
            }
        }
        return new Readings(file, m);
    }

    public static Readings none() {
        return new Readings(Path.of("(none)"), Map.of());
    }

    /** True when espeak-ng's Japanese voice can read the text as it is. */
    public static boolean speakableJapanese(String text) {
        return SPEAKABLE_JA.matcher(text).matches();
    }

    /** The customer's name as spoken in {@code language}, or {@code generic} when it cannot be spoken. */
    public String customer(String language, String customerId, String name, String generic) {
        return read(language + ".customer." + customerId, name, language, generic);
    }

    /** A contact's name as spoken in {@code language}, or {@code generic}. */
    public String contact(String language, String customerId, String contactName, String generic) {
        return read(language + ".contact." + customerId + "." + contactName, contactName, language, generic);
    }

    private String read(String key, String written, String language, String generic) {
        String r = readings.get(key);
        if (r != null) {
            return r;
        }
        if (written != null && !written.isBlank() && (!"ja".equals(language) || speakableJapanese(written))) {
            return written;
        }
        if (reported.add(key)) {
            LOG.warn("No reading for '{}' in {} (key {}): the phone says '{}' instead", written, file, key, generic);
        }
        return generic;
    }

    public int size() {
        return readings.size();
    }

    public Path file() {
        return file;
    }
}
