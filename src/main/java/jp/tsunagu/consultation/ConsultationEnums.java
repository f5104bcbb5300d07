package jp.tsunagu.consultation;

/** Closed vocabularies of intake that are not taxonomy data (those live in the taxonomy tables). */
public final class ConsultationEnums {

    private ConsultationEnums() {
    }

    /** 個別支援 (about one child and family) or 地域支援 (systems, resources, training: no child). */
    public enum Kind {
        INDIVIDUAL("個別支援", "Individual support"),
        COMMUNITY("地域支援", "Community support");

        public final String labelJa;
        public final String labelEn;

        Kind(String labelJa, String labelEn) {
            this.labelJa = labelJa;
            this.labelEn = labelEn;
        }
    }

    public enum Status {
        OPEN("受付", "Open"),
        IN_PROGRESS("対応中", "In progress"),
        CLOSED("終結", "Closed");

        public final String labelJa;
        public final String labelEn;

        Status(String labelJa, String labelEn) {
            this.labelJa = labelJa;
            this.labelEn = labelEn;
        }
    }

    public enum Urgency {
        LOW, NORMAL, HIGH, URGENT
    }

    public enum ClosureReason {
        RESOLVED, INFORMATION_PROVIDED, REFERRED, NO_RESPONSE, DUPLICATE, WITHDRAWN, OTHER
    }

    /** The columns of 調布市's shared sheet: 主訴・状況・対応, plus free notes. */
    public enum EntryType {
        CHIEF_COMPLAINT("主訴", "Chief complaint"),
        SITUATION("状況", "Situation"),
        RESPONSE("対応", "Response"),
        MEMO("メモ", "Memo");

        public final String labelJa;
        public final String labelEn;

        EntryType(String labelJa, String labelEn) {
            this.labelJa = labelJa;
            this.labelEn = labelEn;
        }
    }
}
