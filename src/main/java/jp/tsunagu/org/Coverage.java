package jp.tsunagu.org;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Unit {@code unitId} serves municipality {@code lgcode} on [validFrom, validTo); validTo null = open. */
@Entity
@Table(name = "coverage")
public class Coverage {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "unit_id", nullable = false)
    public Long unitId;

    @Column(nullable = false)
    public String lgcode;

    @Column(name = "valid_from", nullable = false)
    public LocalDate validFrom;

    @Column(name = "valid_to")
    public LocalDate validTo;

    public Coverage() {
    }

    public Coverage(Long unitId, String lgcode, LocalDate validFrom, LocalDate validTo) {
        this.unitId = unitId;
        this.lgcode = lgcode;
        this.validFrom = validFrom;
        this.validTo = validTo;
    }

    public boolean overlaps(LocalDate from, LocalDate to) {
        boolean startsBeforeOtherEnds = to == null || validFrom.isBefore(to);
        boolean endsAfterOtherStarts = validTo == null || validTo.isAfter(from);
        return startsBeforeOtherEnds && endsAfterOtherStarts;
    }
}
