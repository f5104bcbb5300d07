package jp.tsunagu.common.web;

/**
 * If-Match as RFC 9110 §13.1.1 reads it: {@code *} matches any current representation; otherwise a list of
 * entity tags, compared strongly, so a weak tag ({@code W/"0"}) never matches.
 */
public final class IfMatch {

    /** How the contract describes the header on every operation that needs it. */
    public static final String DESCRIPTION = "The ETag you read, e.g. \"3\". Required: a client generated from this contract "
            + "refuses to make the call without it; a call sent without it anyway answers 428 with currentETag, and one with "
            + "an old ETag 412.";

    private IfMatch() {
    }

    /** Whether the header value matches the current strong ETag (quoted, e.g. {@code "3"}). */
    public static boolean matches(String header, String currentEtag) {
        if (header == null) {
            return false;
        }
        String value = header.strip();
        if (value.equals("*")) {
            return true;
        }
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == ',' || c == ' ' || c == '\t') {
                i++;
                continue;
            }
            boolean weak = value.startsWith("W/", i);
            int open = weak ? i + 2 : i;
            if (open >= value.length() || value.charAt(open) != '"') {
                return false;
            }
            int close = value.indexOf('"', open + 1);
            if (close < 0) {
                return false;
            }
            if (!weak && value.substring(open, close + 1).equals(currentEtag)) {
                return true;
            }
            i = close + 1;
        }
        return false;
    }
}
