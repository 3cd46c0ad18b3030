package io.yagura.notify.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.incident.Incident;
import io.yagura.api.incident.Level;
import io.yagura.notify.phone.media.Speech;
import io.yagura.templates.TemplateCatalogue;
import io.yagura.templates.freemarker.FreemarkerTemplates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhoneTemplatesTest {

    @TempDir
    Path dir;

    private Incident incident() throws Exception {
        Platform p = new Platform();
        return p.incident(Level.EMERGENCY);
    }

    @Test
    void theEnglishNoticeSaysLevelCustomerAttackerTargetAndWhatToDo() throws Exception {
        PhoneTemplates.Spoken s = Platform.templates(Readings.none()).notice(incident(), Level.EMERGENCY, "en",
                "ACME Trading", "Jane Smith", '1');
        assertEquals("en", s.language());
        assertTrue(s.notice().contains("center. Emergency incident for ACME Trading."), s.notice());
        assertTrue(s.notice().contains("Attacker: 2 0 3 dot 0 dot 1 1 3 dot 7."), s.notice());
        assertTrue(s.notice().contains("Target: 1 9 2 dot 0 dot 2 dot 1 0."), s.notice());
        assertTrue(s.notice().contains("Isolate the target from the network now"), s.notice());
        assertEquals("Press 1 to acknowledge this notice.", s.prompt().trim());
    }

    @Test
    void theJapaneseNoticeIsAllKanaWithTheCustomersReadingFromTheReadingsFile() throws Exception {
        Path file = dir.resolve("phone-readings.properties");
        Files.writeString(file, "ja.customer.acme = あくめ とれーでぃんぐ\nja.customer.other = 漢字\n",
                StandardCharsets.UTF_8);
        Readings readings = Readings.load(file);
        assertEquals(1, readings.size(), "a Japanese reading in kanji is refused at load");
        PhoneTemplates.Spoken s = Platform.templates(readings).notice(incident(), Level.EMERGENCY, "ja",
                "アクメ商事", "田中", '1');
        assertTrue(s.notice().contains("あくめ とれーでぃんぐの、きんきゅうの いんしでんと"), s.notice());
        assertTrue(s.notice().contains("に ぜろ さん てん ぜろ てん いち いち さん てん なな"), s.notice());
        assertFalse(s.notice().matches("(?s).*\\p{IsHan}.*"), "no kanji: " + s.notice());
        assertTrue(s.prompt().contains("いちを おしてください"), s.prompt());
    }

    @Test
    void aJapaneseNameWithoutAReadingIsSpokenAsTheGenericWord() throws Exception {
        PhoneTemplates.Spoken s = Platform.templates(Readings.none()).notice(incident(), Level.EMERGENCY, "ja",
                "アクメ商事", null, '1');
        assertTrue(s.notice().contains("おきゃくさまの、きんきゅうの"), s.notice());
    }

    @Test
    void anOperatorsJapaneseTemplateInKanjiIsReportedAtLoadAndTheBundledOneUsed() throws Exception {
        Path ja = Files.createDirectories(dir.resolve("ja").resolve("phone"));
        Files.writeString(ja.resolve("prompt.ftl"), "確認したら ${digit} を押してください。\n", StandardCharsets.UTF_8);
        TemplateCatalogue c = new FreemarkerTemplates(dir).open(PhoneTemplates.SET);
        assertEquals(1, c.problems().size(), c.problems().toString());
        assertTrue(c.problems().get(0).toString().contains("kana only"), c.problems().toString());
        PhoneTemplates.Spoken s = new PhoneTemplates(c, Readings.none()).test("ja", '1');
        assertTrue(s.prompt().contains("いちを おしてください"), "the bundled prompt: " + s.prompt());
    }

    @Test
    void espeakNgSpeaksTheNoticeAsEightKilohertzMuLaw() throws Exception {
        PhoneTemplates.Spoken s = Platform.templates(Readings.none()).notice(incident(), Level.EMERGENCY, "ja",
                null, null, '1');
        byte[] audio = new Speech("espeak-ng").speak("ja", s.notice());
        double seconds = audio.length / 8000.0;
        assertTrue(seconds > 5 && seconds < 120, "a notice of some seconds, got " + seconds);
        long silent = 0;
        for (byte b : audio) {
            silent += (b == (byte) 0xFF || b == (byte) 0x7F) ? 1 : 0;
        }
        assertTrue(silent < audio.length * 0.8, "speech, not silence");
    }

    @Test
    void aMissingTtsProgramIsAClearError() {
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Speech.SpeechException.class,
                () -> new Speech("/nonexistent/espeak-ng").speak("en", "hello"));
        assertTrue(e.getMessage().contains("cannot be started (Debian package espeak-ng)"), e.getMessage());
    }
}
