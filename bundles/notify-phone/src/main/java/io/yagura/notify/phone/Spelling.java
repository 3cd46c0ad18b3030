package io.yagura.notify.phone;

import java.util.Locale;
import java.util.Map;

/**
 * Addresses and host names spelled out for the phone, character by character, so that
 * "192.0.2.1" is heard as "one nine two dot zero…" and, in Japanese, in kana (espeak-ng's
 * Japanese voice reads nothing else).
 */
final class Spelling {

    private static final String[] JA_DIGITS = {"ぜろ", "いち", "に", "さん", "よん", "ご", "ろく", "なな", "はち", "きゅう"};
    private static final String[] JA_LETTERS = {"えー", "びー", "しー", "でぃー", "いー", "えふ", "じー", "えいち", "あい",
        "じぇー", "けー", "える", "えむ", "えぬ", "おー", "ぴー", "きゅー", "あーる", "えす", "てぃー", "ゆー", "ぶい", "だぶりゅー",
        "えっくす", "わい", "ぜっと"};
    private static final Map<Character, String> JA_SIGNS = Map.of('.', "てん", ':', "ころん", '-', "はいふん", '/', "すらっしゅ",
            '_', "あんだーばー", '*', "こめじるし", '#', "しゃーぷ");
    private static final Map<Character, String> EN_SIGNS = Map.of('.', "dot", ':', "colon", '-', "dash", '/', "slash",
            '_', "underscore", '*', "star", '#', "hash");

    private Spelling() {
    }

    /** {@code text} spelled in {@code language} ("ja" or English); characters it cannot say are left out. */
    static String spell(String text, String language) {
        boolean ja = "ja".equals(language);
        StringBuilder out = new StringBuilder();
        for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
            String word;
            if (c >= '0' && c <= '9') {
                word = ja ? JA_DIGITS[c - '0'] : String.valueOf(c);
            } else if (c >= 'a' && c <= 'z') {
                word = ja ? JA_LETTERS[c - 'a'] : String.valueOf(Character.toUpperCase(c));
            } else {
                word = (ja ? JA_SIGNS : EN_SIGNS).get(c);
            }
            if (word != null) {
                if (!out.isEmpty()) {
                    out.append(" ");
                }
                out.append(word);
            }
        }
        return out.toString();
    }
}
