package jp.tsunagu.common.text;

import java.text.Normalizer;

/**
 * Normalises Japanese readings for matching: NFKC (half-width katakana and full-width Latin become
 * their standard forms), katakana folded to hiragana, spaces and middle dots removed.
 * {@code ﾔﾏﾀﾞ ﾀﾛｳ}, {@code ヤマダ　タロウ} and {@code やまだたろう} all become {@code やまだたろう}.
 */
public final class Kana {

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
