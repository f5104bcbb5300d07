package jp.tsunagu.consultation;

import java.util.HashMap;
import java.util.Map;

import jp.tsunagu.org.Visibility;

/**
 * The caller's visibility as a JPQL condition on a consultation alias {@code c}. Every query that reads
 * consultations (by id, lists, searches, counts) appends it, so none can return more than another.
 */
public final class ConsultationScope {

    private ConsultationScope() {
    }

    public record Condition(String jpql, Map<String, Object> parameters) {
    }

    /** Referral recipients and senders see the consultation a referral is about (added with the referral model). */
    static final String REFERRED = "";

    public static Condition of(Visibility v) {
        Map<String, Object> p = new HashMap<>();
        String jpql = switch (v.reach()) {
            case PREFECTURE -> {
                p.put("scopePref", v.prefCode());
                yield "c.prefCode = :scopePref";
            }
            case REGION, MUNICIPALITY -> {
                p.put("scopeUnits", v.unitIds());
                p.put("scopeMunicipalities", v.lgcodes());
                yield "(c.receivingUnitId in :scopeUnits or c.ownerUnitId in :scopeUnits"
                        + " or c.residenceLgcode in :scopeMunicipalities" + REFERRED + ")";
            }
            case PARTNER -> {
                p.put("scopeClient", v.clientId());
                yield "c.createdByClient = :scopeClient";
            }
            case NONE -> "1 = 0";
        };
        return new Condition(jpql, p);
    }
}
