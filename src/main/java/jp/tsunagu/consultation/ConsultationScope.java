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

    /**
     * A unit a referral was sent to sees the consultation while the referral is active; the sender keeps
     * seeing it afterwards (the loop must stay closable after a transfer).
     */
    static final String REFERRED = " or exists (select 1 from Referral r where r.consultationId = c.id and (r.senderUnitId in :scopeUnits"
            + " or (r.receiverUnitId in :scopeUnits and r.state in (jp.tsunagu.referral.ReferralState.REQUESTED,"
            + " jp.tsunagu.referral.ReferralState.ACCEPTED, jp.tsunagu.referral.ReferralState.IN_PROGRESS,"
            + " jp.tsunagu.referral.ReferralState.COMPLETED))))";

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
