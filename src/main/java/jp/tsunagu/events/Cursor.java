package jp.tsunagu.events;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jp.tsunagu.common.problem.ApiProblem;

/** The feed's opaque cursor: a feed position, which clients must not interpret (its form may change). */
final class Cursor {

    private static final String PREFIX = "f1:";

    private Cursor() {
    }

    static String of(long position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + position).getBytes(StandardCharsets.US_ASCII));
    }

    /** The position, or a 400 naming {@code parameter} for a cursor this service did not give out. */
    static long parse(String cursor, String parameter) {
        if (cursor == null || cursor.isEmpty()) {
            return 0;
        }
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (s.startsWith(PREFIX)) {
                long p = Long.parseLong(s.substring(PREFIX.length()));
                if (p >= 0) {
                    return p;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the problem
        }
        throw ApiProblem.invalidField(parameter, "is not a cursor of this feed; use nextCursor or an event's cursor as given", "invalid-cursor");
    }
}
