package jp.tsunagu.common.text;

import java.text.Normalizer;

/**
 * Normalises Japanese readings for matching: NFKC (half-width katakana and full-width Latin become
 * their standard forms), katakana folded to hiragana, spaces and middle dots removed.
 * {@code ﾔﾏﾀﾞ ﾀﾛｳ}, {@code ヤマダ　タロウ} and {@code やまだたろう} all become {@code やまだたろう}.
 */
public final class Kana {

    /**
     * A reading as the API accepts it: hiragana, katakana (full- and half-width), the prolonged sound mark, the
     * middle dot and spaces. Written with explicit ranges, not {@code \p{IsHiragana}}, so that the contract's
     * pattern is the same in java.util.regex and ECMA-262 (JSON Schema): the hiragana and katakana blocks' letters
     * and iteration marks, the katakana phonetic extensions (ㇰ..ㇿ) and half-width katakana with its sound marks.
     */
    public static final String PATTERN = "^[\\u3041-\\u3096\\u309D-\\u309F\\u30A1-\\u30FF\\u31F0-\\u31FF\\uFF66-\\uFF9F\\u3000 ]+$";

    private Kana() {
    }

    public static String normalize(String text) {
        if (text == null) {
            return null;
        }
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(nfkc.length());
        for (int i = 0; i < nfkc.length(); i++) {
            char c = nfkc.charAt(i);
            if (Character.isWhitespace(c) || c == '・' || c == '･') {
                continue;
            }
            // Katakana ァ (U+30A1) .. ヶ (U+30F6) sit 0x60 above their hiragana.
            if (c >= '\u30A1' && c <= '\u30F6') {
                out.append((char) (c - 0x60));
            } else {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }
}
