package jp.tsunagu.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import jp.tsunagu.audit.AuditLog;
import jp.tsunagu.common.problem.ApiProblem;
import jp.tsunagu.common.problem.Problem;
import jp.tsunagu.common.problem.ProblemType;

/**
 * The directory as an HSDS 3.0 document ({@link HsdsViews}), out and in. An import is all or nothing: entries match
 * by id; a new id is created, maintained by the importing unit; a known id is updated when the importing unit
 * maintains it (else 403, nothing saved); an id of another prefecture's directory is a 409. Every entry goes through
 * the same checks and history as an entry written through the API.
 */
@ApplicationScoped
public class HsdsExchange {

    private static final List<String> DAYS = List.of("MO", "TU", "WE", "TH", "FR", "SA", "SU");

    private final DirectoryService directory;
    private final EntityManager em;
    private final Stewardship stewardship;
    private final Validator validator;
    private final AuditLog audit;

    public HsdsExchange(DirectoryService directory, EntityManager em, Stewardship stewardship, Validator validator, AuditLog audit) {
        this.directory = directory;
        this.em = em;
        this.stewardship = stewardship;
        this.validator = validator;
        this.audit = audit;
    }

    @Transactional
    public HsdsViews.Document export() {
        List<Provider> providers = em.createQuery("from Provider p where p.prefCode = :pref order by p.name, p.id", Provider.class)
                .setParameter("pref", stewardship.prefCode()).getResultList();
        List<HsdsViews.Organization> organizations = new ArrayList<>();
        int services = 0;
        for (Provider p : providers) {
            List<HsdsViews.Service> list = em.createQuery("from ServiceEntry s where s.organizationId = :id order by s.name, s.id", ServiceEntry.class)
                    .setParameter("id", p.id).getResultList().stream().map(s -> service(directory.view(s))).toList();
            services += list.size();
            organizations.add(new HsdsViews.Organization(p.id, p.name, p.description, p.website, p.email, phones(p.phone), list));
        }
        audit.record("DIRECTORY_EXPORT", "directory-service", null, "hsds, " + organizations.size() + " organizations, " + services + " services");
        return new HsdsViews.Document("3.0", organizations);
    }

    private static HsdsViews.Service service(DirectoryViews.ServiceView v) {
        List<HsdsViews.Attribute> attributes = new ArrayList<>();
        attributes.add(attribute(v.serviceType().name(), v.serviceTypeLabelJa(), HsdsViews.SERVICE_TYPE));
        v.careTypes().forEach(t -> attributes.add(attribute(t.code(), t.labelJa(), HsdsViews.MEDICAL_CARE)));
        if (v.mobileAccepted()) {
            attributes.add(attribute(HsdsViews.MOBILE, "動ける医ケア児の受入れ", HsdsViews.FLAG));
        }
        List<HsdsViews.ServiceAtLocation> locations = v.location() == null ? null : List.of(new HsdsViews.ServiceAtLocation(
                new HsdsViews.Location(v.location().name(), v.location().latitude(), v.location().longitude(),
                        List.of(new HsdsViews.Address(v.location().address(), v.location().municipality() == null ? null : v.location().municipality().name(),
                                v.location().municipality() == null ? null : v.location().municipality().lgcode(), v.location().postalCode(), "JP")))));
        List<HsdsViews.Capacity> capacities = v.capacity() == null && v.vacancy() == null ? null
                : List.of(new HsdsViews.Capacity(v.vacancy(), v.capacity(), new HsdsViews.Unit("places"), v.vacancyConfirmedOn()));
        return new HsdsViews.Service(v.id(), v.name(), v.description(), v.url(), v.email(), "active", v.minAge(), v.maxAge(), v.confirmedOn(),
                phones(v.phone()), v.languages().stream().map(HsdsViews.Language::new).toList(),
                v.contacts().stream().map(c -> new HsdsViews.Contact(c.name(), c.title(), c.email(), phones(c.phone()))).toList(),
                v.schedules().stream().map(s -> new HsdsViews.Schedule("WEEKLY", DAYS.get(s.weekday() - 1), s.opensAt(), s.closesAt())).toList(),
                v.serviceAreas().stream().map(m -> new HsdsViews.ServiceArea(m.name(), m.lgcode(), "text")).toList(), locations, capacities, attributes);
    }

    private static HsdsViews.Attribute attribute(String code, String name, String taxonomy) {
        return new HsdsViews.Attribute(new HsdsViews.TaxonomyTerm(code, name, taxonomy));
    }

    private static List<HsdsViews.Phone> phones(String number) {
        return number == null ? null : List.of(new HsdsViews.Phone(number));
    }

    @Transactional
    public HsdsViews.ImportResult importDocument(HsdsViews.Document doc) {
        if (!stewardship.maintainsAny()) {
            throw audit.refuse("DIRECTORY_IMPORT", "directory", null, "Directory entries are maintained by the center, the branches and the municipal units.");
        }
        int oc = 0, ou = 0, sc = 0, su = 0;
        for (int i = 0; i < doc.organizations().size(); i++) {
            HsdsViews.Organization o = doc.organizations().get(i);
            String at = "organizations[" + i + "].";
            DirectoryViews.OrganizationRequest or = new DirectoryViews.OrganizationRequest(o.name(), o.description(), o.website(), o.email(),
                    first(o.phones()), null);
            check(or, at);
            Provider existing = em.find(Provider.class, o.id());
            if (existing == null) {
                directory.createOrganization(o.id(), or, "IMPORT_CREATE");
                oc++;
            } else {
                requireOwn(existing.prefCode, at + "id", o.id());
                if (!stewardship.maintains(existing.prefCode, existing.maintainerUnitId)) {
                    throw audit.refuse("DIRECTORY_IMPORT", "directory-organization", o.id(), "Organization " + o.id() + " (" + at
                            + "id) is maintained by another unit; the prefecture center or that unit keeps it.");
                }
                directory.updateOrganization(existing, or, "IMPORT_UPDATE");
                ou++;
            }
            for (int j = 0; j < o.services().size(); j++) {
                HsdsViews.Service s = o.services().get(j);
                String sat = at + "services[" + j + "].";
                DirectoryViews.ServiceRequest sr = request(o.id(), s, sat);
                check(sr, sat);
                ServiceEntry known = em.find(ServiceEntry.class, s.id());
                if (known == null) {
                    directory.createService(s.id(), sr, "IMPORT_CREATE", sat);
                    sc++;
                } else {
                    requireOwn(known.prefCode, sat + "id", s.id());
                    if (!stewardship.maintains(known.prefCode, known.maintainerUnitId)) {
                        throw audit.refuse("DIRECTORY_IMPORT", "directory-service", s.id(), "Service " + s.id() + " (" + sat
                                + "id) is maintained by another unit; the prefecture center or that unit keeps it.");
                    }
                    directory.updateService(known, sr, "IMPORT_UPDATE", sat);
                    su++;
                }
            }
        }
        audit.record("DIRECTORY_IMPORT", "directory", null, "hsds: organizations +" + oc + " ~" + ou + ", services +" + sc + " ~" + su);
        return new HsdsViews.ImportResult(oc, ou, sc, su);
    }

    private void requireOwn(String prefCode, String field, String id) {
        if (!prefCode.equals(stewardship.prefCode())) {
            throw new ApiProblem(ProblemType.DATA_CONFLICT, "The id " + id + " (" + field + ") belongs to another prefecture's directory.",
                    List.of(new Problem.FieldError(field, "belongs to another prefecture's directory", "foreign-id")), Map.of());
        }
    }

    private DirectoryViews.ServiceRequest request(String organizationId, HsdsViews.Service s, String at) {
        List<Problem.FieldError> errors = new ArrayList<>();
        ServiceType type = null;
        List<String> care = new ArrayList<>();
        boolean mobile = false;
        for (int k = 0; k < s.attributes().size(); k++) {
            HsdsViews.TaxonomyTerm t = s.attributes().get(k).taxonomyTerm();
            String field = at + "attributes[" + k + "].taxonomy_term.code";
            switch (t.taxonomy()) {
                case HsdsViews.SERVICE_TYPE -> {
                    ServiceType parsed = parseType(t.code());
                    if (parsed == null) {
                        errors.add(new Problem.FieldError(field, "unknown service type " + t.code(), "unknown-code"));
                    } else if (type != null) {
                        errors.add(new Problem.FieldError(field, "a service has one service type", "duplicate"));
                    }
                    type = parsed;
                }
                case HsdsViews.MEDICAL_CARE -> care.add(t.code());
                default -> {
                    if (!HsdsViews.MOBILE.equals(t.code())) {
                        errors.add(new Problem.FieldError(field, "unknown flag " + t.code() + "; allowed: " + HsdsViews.MOBILE, "unknown-code"));
                    }
                    mobile = true;
                }
            }
        }
        if (type == null && errors.isEmpty()) {
            errors.add(new Problem.FieldError(at + "attributes", "needs one " + HsdsViews.SERVICE_TYPE + " term", "required"));
        }
        if (!errors.isEmpty()) {
            throw new ApiProblem(ProblemType.VALIDATION_FAILED, "The HSDS document is not valid.", errors, Map.of());
        }
        HsdsViews.Capacity capacity = s.capacities() == null || s.capacities().isEmpty() ? null : s.capacities().get(0);
        HsdsViews.Location loc = s.serviceAtLocations() == null || s.serviceAtLocations().isEmpty() ? null : s.serviceAtLocations().get(0).location();
        HsdsViews.Address address = loc == null || loc.addresses() == null || loc.addresses().isEmpty() ? null : loc.addresses().get(0);
        DirectoryViews.LocationInput location = loc == null ? null : new DirectoryViews.LocationInput(loc.name(),
                address == null ? null : address.address1(), address == null ? null : address.postalCode(), address == null ? null : address.region(),
                loc.latitude(), loc.longitude());
        return new DirectoryViews.ServiceRequest(organizationId, type, s.name(), s.description(), s.url(), s.email(), first(s.phones()), care,
                s.minimumAge(), s.maximumAge(), mobile, capacity == null ? null : capacity.maximum(), capacity == null ? null : capacity.available(),
                s.languages() == null ? null : s.languages().stream().map(HsdsViews.Language::code).toList(), location,
                s.serviceAreas().stream().map(HsdsViews.ServiceArea::extent).toList(),
                s.schedules() == null ? null : s.schedules().stream().map(d -> new DirectoryViews.ScheduleInput(DAYS.indexOf(d.byday()) + 1, d.opensAt(),
                        d.closesAt())).toList(),
                s.contacts() == null ? null : s.contacts().stream().map(c -> new DirectoryViews.ContactInput(c.name(), c.title(), c.email(),
                        first(c.phones()))).toList(),
                null);
    }

    private static ServiceType parseType(String code) {
        for (ServiceType t : ServiceType.values()) {
            if (t.name().equals(code)) {
                return t;
            }
        }
        return null;
    }

    private static String first(List<HsdsViews.Phone> phones) {
        return phones == null || phones.isEmpty() ? null : phones.get(0).number();
    }

    /** The checks of an API write, on what the document maps to, named by the document's position. */
    private <T> void check(T request, String at) {
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            List<Problem.FieldError> errors = violations.stream().sorted(java.util.Comparator.comparing(v -> v.getPropertyPath().toString()))
                    .map(v -> new Problem.FieldError(at + v.getPropertyPath(), v.getMessage(), "invalid")).toList();
            throw new ApiProblem(ProblemType.VALIDATION_FAILED, "The HSDS document is not valid.", errors, Map.of());
        }
    }
}
