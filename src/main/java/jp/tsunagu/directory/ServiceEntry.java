package jp.tsunagu.directory;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import jp.tsunagu.common.persistence.VersionedRecord;

/**
 * An HSDS service with its one location, the municipalities it serves, its contacts and weekly schedule, and what
 * the directory adds for children with medical care: the care types accepted, ages, 動ける医ケア児, places.
 */
@Entity
@Table(name = "directory_service")
public class ServiceEntry extends VersionedRecord {

    @Id
    public String id;

    @Column(name = "organization_id", nullable = false)
    public String organizationId;

    @Column(name = "pref_code", nullable = false)
    public String prefCode;

    @Enumerated(EnumType.STRING)
    @Column(name = "service_type", nullable = false)
    public ServiceType serviceType;

    @Column(nullable = false)
    public String name;

    public String description;
    public String url;
    public String email;
    public String phone;

    @Column(name = "min_age")
    public Integer minAge;

    @Column(name = "max_age")
    public Integer maxAge;

    @Column(name = "mobile_accepted", nullable = false)
    public boolean mobileAccepted;

    public Integer capacity;
    public Integer vacancy;

    @Column(name = "vacancy_confirmed_on")
    public LocalDate vacancyConfirmedOn;

    /** ISO 639-1 codes, comma-separated. */
    @Column(nullable = false)
    public String languages;

    @Column(name = "location_name")
    public String locationName;
    public String address;
    @Column(name = "postal_code")
    public String postalCode;
    @Column(name = "location_lgcode")
    public String locationLgcode;
    public BigDecimal latitude;
    public BigDecimal longitude;

    @Column(name = "maintainer_unit_id", nullable = false)
    public long maintainerUnitId;

    /** The day the maintainer last confirmed the entry; stale some months after. */
    @Column(name = "confirmed_on", nullable = false)
    public LocalDate confirmedOn;

    @ElementCollection
    @CollectionTable(name = "directory_service_care_type", joinColumns = @JoinColumn(name = "service_id"))
    @Column(name = "care_code", nullable = false)
    public Set<String> careTypes = new LinkedHashSet<>();

    @ElementCollection
    @CollectionTable(name = "directory_service_area", joinColumns = @JoinColumn(name = "service_id"))
    @Column(name = "lgcode", nullable = false)
    public Set<String> serviceAreas = new LinkedHashSet<>();

    @ElementCollection
    @CollectionTable(name = "directory_schedule", joinColumns = @JoinColumn(name = "service_id"))
    public Set<Opening> schedules = new LinkedHashSet<>();

    @ElementCollection
    @CollectionTable(name = "directory_contact", joinColumns = @JoinColumn(name = "service_id"))
    @OrderColumn(name = "position")
    public List<Contact> contacts = new ArrayList<>();

    /** HSDS schedule: open on a weekday (1 = Monday) from .. to. */
    @Embeddable
    public record Opening(@Column(nullable = false) int weekday, @Column(name = "opens_at", nullable = false) LocalTime opensAt,
            @Column(name = "closes_at", nullable = false) LocalTime closesAt) {
    }

    /** HSDS contact. */
    @Embeddable
    public record Contact(@Column(nullable = false) String name, String title, String email, String phone) {
    }
}
