package jp.tsunagu.consultation;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One entry of a consultation's shared timeline. Never updated: corrections are new entries. */
@Entity
@Table(name = "timeline_entry")
public class TimelineEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "consultation_id", nullable = false, updatable = false)
    public String consultationId;

    @Enumerated(EnumType.STRING)
    @Column(name = "entry_type", nullable = false, updatable = false)
    public ConsultationEnums.EntryType type;

    @Column(nullable = false, updatable = false)
    public String body;

    @Column(name = "corrects_id", updatable = false)
    public Long correctsId;

    @Column(nullable = false, updatable = false)
    public String author;

    @Column(name = "author_unit_id", updatable = false)
    public Long authorUnitId;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;
}
