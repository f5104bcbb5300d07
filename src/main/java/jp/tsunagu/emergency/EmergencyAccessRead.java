package jp.tsunagu.emergency;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One read under a grant, for the center's review (the audit trail has the same read as CHILD_READ_EMERGENCY). */
@Entity
@Table(name = "emergency_access_read")
public class EmergencyAccessRead {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "access_id", nullable = false)
    public Long accessId;

    @Column(name = "read_at", nullable = false)
    public Instant readAt;

    @Column(nullable = false)
    public String what;
}
