package jp.tsunagu.training;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.Generated;


/** One run of a course. Its fiscal year is computed by the database from the first day (V50). */
@Entity
@Table(name = "training_session")
public class TrainingSession {

    @Version
    public long version;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "course_id", nullable = false)
    public Long courseId;

    @Column(nullable = false)
    public String label;

    @Column(name = "starts_on", nullable = false)
    public LocalDate startsOn;

    @Column(name = "ends_on", nullable = false)
    public LocalDate endsOn;

    @Generated
    @Column(name = "fiscal_year", insertable = false, updatable = false)
    public Short fiscalYear;
}
