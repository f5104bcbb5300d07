package jp.tsunagu.org;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jp.tsunagu.common.problem.ApiProblem;
import jp.tsunagu.common.problem.Problem;
import jp.tsunagu.common.problem.ProblemType;

/**
 * 全国地方公共団体コード: five digits and a check digit. The check digit is
 * {@code (11 - (6·d1 + 5·d2 + 4·d3 + 3·d4 + 2·d5) mod 11) mod 10}; it holds for every code in the
 * reference list.
 */
public final class LgCodes {

    private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");

    private LgCodes() {
    }

    public static int checkDigit(String firstFive) {
        int sum = 0;
        for (int i = 0; i < 5; i++) {
            sum += (firstFive.charAt(i) - '0') * (6 - i);
        }
        return (11 - sum % 11) % 10;
    }

    /** Why {@code code} is not a valid code, or null when it is. */
    public static String problemWith(String code) {
        if (code == null || !SIX_DIGITS.matcher(code).matches()) {
            return "must be a 6-digit 全国地方公共団体コード";
        }
        int expected = checkDigit(code);
        if (code.charAt(5) - '0' != expected) {
            return "has a wrong check digit: expected " + expected + " (" + code.substring(0, 5) + expected + ")";
        }
        return null;
    }

    /** Throws a 400 problem naming {@code field} (and the expected check digit) unless {@code code} is valid. */
    public static String require(String field, String code) {
        String problem = problemWith(code);
        if (problem != null) {
            Map<String, Object> extensions = code != null && SIX_DIGITS.matcher(code).matches()
                    ? Map.of("expectedCheckDigit", checkDigit(code)) : Map.of();
            throw new ApiProblem(ProblemType.VALIDATION_FAILED, field + " " + problem + ".",
                    List.of(new Problem.FieldError(field, problem, "check-digit")), extensions);
        }
        return code;
    }
}
