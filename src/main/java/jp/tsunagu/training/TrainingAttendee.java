package jp.tsunagu.training;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import jp.tsunagu.org.Profession;

/** A person enrolled in a session: a coordinator of the register, or an external person (name and organisation). */
@Entity
@Table(name = "training_attendee")
public class TrainingAttendee {

    @Version
    public long version;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "session_id", nullable = false)
    public Long sessionId;

    @Column(name = "coordinator_id")
    public Long coordinatorId;

    @Column(name = "external_name")
    public String externalName;

    @Column(name = "external_organisation")
    public String externalOrganisation;

    /** As it was at enrolment. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Profession profession;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AttendanceStatus status = AttendanceStatus.REGISTERED;

    @Column(name = "completed_on")
    public LocalDate completedOn;
}
