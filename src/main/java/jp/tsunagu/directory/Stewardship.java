package jp.tsunagu.directory;

import java.util.HashSet;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;

import jp.tsunagu.access.AccessRules;
import jp.tsunagu.access.AccessRules.Reach;
import jp.tsunagu.org.OrgUnit;
import jp.tsunagu.org.Visibility;

/**
 * Who reads and who maintains directory entries, written once from the caller's {@link Visibility}:
 * <ul>
 * <li>read: every service of the caller's prefecture (the directory holds no personal data);</li>
 * <li>maintain: the prefecture center any entry of its prefecture; a branch or a municipal coordinator the entries
 * its unit or a unit below it maintains, serving only the municipalities it covers today.</li>
 * </ul>
 * The stale list and the maintainer's checks take their condition from here.
 */
@RequestScoped
public class Stewardship {

    private final Visibility visibility;

    public Stewardship(Visibility visibility) {
        this.visibility = visibility;
    }

    /** The prefecture whose directory the caller reads ("--" for none). */
    public String prefCode() {
        return visibility.prefCode();
    }

    public OrgUnit unit() {
        return visibility.unit();
    }

    public boolean isCenter() {
        return visibility.isCenterOf(visibility.prefCode());
    }

    /** Whether the caller may write directory entries at all. */
    public boolean maintainsAny() {
        return visibility.unit() != null && (isCenter() || visibility.reach() == Reach.REGION || visibility.reach() == Reach.MUNICIPALITY);
    }

    /** Whether the caller maintains an entry of {@code prefCode} kept by {@code maintainerUnitId}. */
    public boolean maintains(String prefCode, long maintainerUnitId) {
        if (!maintainsAny() || !visibility.prefCode().equals(prefCode)) {
            return false;
        }
        return isCenter() || visibility.unitIds().contains(maintainerUnitId);
    }

    /** Served municipalities outside the caller's region (none for the center, which checks the prefecture itself). */
    public List<String> outsideRegion(List<String> lgcodes) {
        if (isCenter()) {
            return List.of();
        }
        HashSet<String> own = new HashSet<>(visibility.lgcodes());
        return lgcodes.stream().filter(lg -> !own.contains(lg)).toList();
    }

    /** Entries the caller maintains (native SQL, alias {@code a}: a directory_service row). */
    public AccessRules.Condition maintained(String a) {
        if (isCenter()) {
            return new AccessRules.Condition(a + ".pref_code = :stewardPref", Map.of("stewardPref", visibility.prefCode()));
        }
        if (!maintainsAny()) {
            return new AccessRules.Condition("1 = 0", Map.of());
        }
        return new AccessRules.Condition(a + ".pref_code = :stewardPref and " + a + ".maintainer_unit_id in (:stewardUnits)",
                Map.of("stewardPref", visibility.prefCode(), "stewardUnits", visibility.unitIds()));
    }
}
