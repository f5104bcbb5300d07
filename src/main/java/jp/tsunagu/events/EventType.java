package jp.tsunagu.events;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Every event the service publishes, with its subject and its labels. The referral types name the
 * {@code ReferralAction} they follow (by name, so this package needs nothing of the referral package);
 * {@code EventTypeTest} checks that every action of {@code ReferralTransitions} has one.
 */
public enum EventType {
    CONSULTATION_CREATED("consultation.created", Subject.CONSULTATION, null, "相談受付", "Consultation created"),
    CONSULTATION_STATUS_CHANGED("consultation.status_changed", Subject.CONSULTATION, null, "相談の状態変更", "Consultation status changed"),
    CONSULTATION_TIMELINE_ENTRY_ADDED("consultation.timeline_entry_added", Subject.CONSULTATION, null, "経過記録の追加", "Timeline entry added"),
    REFERRAL_REQUESTED("referral.requested", Subject.REFERRAL, "REQUEST", "依頼", "Referral requested"),
    REFERRAL_ACCEPTED("referral.accepted", Subject.REFERRAL, "ACCEPT", "受諾", "Referral accepted"),
    REFERRAL_DECLINED("referral.declined", Subject.REFERRAL, "DECLINE", "辞退", "Referral declined"),
    REFERRAL_STARTED("referral.started", Subject.REFERRAL, "START", "対応開始", "Referral started"),
    REFERRAL_REPORT_ADDED("referral.report_added", Subject.REFERRAL, null, "経過報告", "Progress report added"),
    REFERRAL_COMPLETED("referral.completed", Subject.REFERRAL, "COMPLETE", "対応完了", "Referral completed"),
    REFERRAL_FAILED("referral.failed", Subject.REFERRAL, "FAIL", "対応不能", "Referral failed"),
    REFERRAL_CANCELLED("referral.cancelled", Subject.REFERRAL, "CANCEL", "取消", "Referral cancelled"),
    REFERRAL_CLOSURE_CONFIRMED("referral.closure_confirmed", Subject.REFERRAL, "CONFIRM_CLOSURE", "終結確認", "Closure confirmed"),
    REFERRAL_REOPENED("referral.reopened", Subject.REFERRAL, "REOPEN", "再開", "Referral reopened"),
    REFERRAL_OVERDUE("referral.overdue", Subject.REFERRAL, null, "期限超過", "Referral overdue"),
    CHILD_REGISTERED("child.registered", Subject.CHILD, null, "児童登録", "Child registered"),
    CHILD_CONSENT_RECORDED("child.consent_recorded", Subject.CHILD, null, "同意の記録", "Consent recorded"),
    CHILD_CONSENT_CONFIRMED("child.consent_confirmed", Subject.CHILD, null, "同意の確認", "Consent confirmed"),
    CHILD_CONSENT_REJECTED("child.consent_rejected", Subject.CHILD, null, "同意の差戻し", "Consent rejected"),
    CHILD_CONSENT_WITHDRAWN("child.consent_withdrawn", Subject.CHILD, null, "同意の撤回", "Consent withdrawn"),
    DISCHARGE_PLAN_SUBMITTED("discharge_plan.submitted", Subject.DISCHARGE_PLAN, null, "在宅生活支援プランの提出", "Discharge plan submitted"),
    DISCHARGE_PLAN_COMPLETED("discharge_plan.completed", Subject.DISCHARGE_PLAN, null, "在宅生活支援プランの完成", "Discharge plan completed"),
    DISCHARGE_PLAN_HANDED_OFF("discharge_plan.handed_off", Subject.DISCHARGE_PLAN, null, "在宅生活支援プランの引継ぎ", "Discharge plan handed off");

    /** What an event is about: the table its subject id points into, which decides who may read it. */
    public enum Subject {
        CONSULTATION("consultation"), REFERRAL("referral"), CHILD("child"), DISCHARGE_PLAN("discharge_plan");

        private final String code;

        Subject(String code) {
            this.code = code;
        }

        @JsonValue
        public String code() {
            return code;
        }
    }

    private final String code;
    private final Subject subject;
    private final String referralAction;
    private final String labelJa;
    private final String labelEn;

    EventType(String code, Subject subject, String referralAction, String labelJa, String labelEn) {
        this.code = code;
        this.subject = subject;
        this.referralAction = referralAction;
        this.labelJa = labelJa;
        this.labelEn = labelEn;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public Subject subject() {
        return subject;
    }

    public String labelJa() {
        return labelJa;
    }

    public String labelEn() {
        return labelEn;
    }

    public static Optional<EventType> ofCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }

    /** The event a referral move ({@code ReferralAction} name, or REQUEST for the creation) publishes. */
    public static EventType ofReferralAction(String action) {
        return Arrays.stream(values()).filter(t -> action.equals(t.referralAction)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no event type for referral action " + action));
    }

    /** For the contract: every code with its labels. */
    public static String describeAll() {
        StringBuilder s = new StringBuilder();
        for (EventType t : values()) {
            s.append(t.code).append(" (").append(t.labelJa).append(" / ").append(t.labelEn).append("); ");
        }
        return s.substring(0, s.length() - 2);
    }
}
