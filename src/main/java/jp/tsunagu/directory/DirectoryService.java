package jp.tsunagu.directory;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jp.tsunagu.access.AccessRules;
import jp.tsunagu.audit.AuditLog;
import jp.tsunagu.common.paging.Page;
import jp.tsunagu.common.paging.PageRequest;
import jp.tsunagu.common.problem.ApiProblem;
import jp.tsunagu.common.problem.Problem;
import jp.tsunagu.common.problem.ProblemType;
import jp.tsunagu.common.security.Caller;
import jp.tsunagu.org.LgCodes;
import jp.tsunagu.org.Municipality;
import jp.tsunagu.org.OrgRepository;
import jp.tsunagu.org.OrgUnit;
import jp.tsunagu.org.OrgViews;
import jp.tsunagu.taxonomy.TaxonomyService;
import jp.tsunagu.taxonomy.TaxonomyViews;

/**
 * The resource directory: organizations and their services, maintained by units for their region
 * ({@link Stewardship}), searched by everyone of the prefecture. Every change is written to the history
 * (directory_change, the entry as written) and to the audit trail in the same transaction.
 */
@ApplicationScoped
public class DirectoryService {

    /** What a search asks for; null means "any". */
    public record Filter(String municipality, String region, List<String> careTypes, ServiceType serviceType, Integer age,
            Boolean vacancy, Boolean mobile, Boolean stale) {
    }

    private final EntityManager em;
    private final OrgRepository org;
    private final Stewardship stewardship;
    private final Caller caller;
    private final TaxonomyService taxonomy;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final Clock clock;
    private final DirectorySettings settings;

    public DirectoryService(EntityManager em, OrgRepository org, Stewardship stewardship, Caller caller, TaxonomyService taxonomy,
            AuditLog audit, ObjectMapper json, Clock clock, DirectorySettings settings) {
        this.em = em;
        this.org = org;
        this.stewardship = stewardship;
        this.caller = caller;
        this.taxonomy = taxonomy;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
        this.settings = settings;
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }

    /** Entries confirmed before this day are stale. */
    LocalDate staleBefore() {
        return today().minusMonths(settings.staleAfterMonths());
    }

    // ---- organizations --------------------------------------------------------------------------------------

    @Transactional
    public DirectoryViews.OrganizationView createOrganization(DirectoryViews.OrganizationRequest r) {
        return view(createOrganization(UUID.randomUUID().toString(), r, "ORGANIZATION_CREATE"));
    }

    Provider createOrganization(String id, DirectoryViews.OrganizationRequest r, String action) {
        OrgUnit unit = requireSteward("DIRECTORY_ORGANIZATION_CREATE", null);
        Provider p = new Provider();
        p.id = id;
        p.prefCode = unit.prefCode;
        p.maintainerUnitId = unit.id;
        apply(p, r);
        em.persist(p);
        em.flush();
        history(p.id, null, action, view(p));
        audit.record("DIRECTORY_ORGANIZATION_CREATE", "directory-organization", p.id, null);
        return p;
    }

    @Transactional
    public DirectoryViews.OrganizationView updateOrganization(String id, DirectoryViews.OrganizationRequest r) {
        Provider p = requireMaintainedOrganization(id);
        requireVersion(r.version(), p.version);
        return view(updateOrganization(p, r, "ORGANIZATION_UPDATE"));
    }

    Provider updateOrganization(Provider p, DirectoryViews.OrganizationRequest r, String action) {
        apply(p, r);
        em.flush();
        history(p.id, null, action, view(p));
        audit.record("DIRECTORY_ORGANIZATION_UPDATE", "directory-organization", p.id, null);
        return p;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public DirectoryViews.OrganizationView getOrganization(String id) {
        return view(readableOrganization(id).orElseThrow(() -> ApiProblem.notFound("Organization", id)));
    }

    private static void apply(Provider p, DirectoryViews.OrganizationRequest r) {
        p.name = r.name().strip();
        p.description = blankToNull(r.description());
        p.website = blankToNull(r.website());
        p.email = blankToNull(r.email());
        p.phone = blankToNull(r.phone());
    }

    java.util.Optional<Provider> readableOrganization(String id) {
        Provider p = id == null ? null : em.find(Provider.class, id);
        return p != null && p.prefCode.equals(stewardship.prefCode()) ? java.util.Optional.of(p) : java.util.Optional.empty();
    }

    private Provider requireMaintainedOrganization(String id) {
        Provider p = readableOrganization(id).orElseThrow(() -> ApiProblem.notFound("Organization", id));
        if (!stewardship.maintains(p.prefCode, p.maintainerUnitId)) {
            throw audit.refuse("DIRECTORY_ORGANIZATION_UPDATE", "directory-organization", id,
                    "This organization is maintained by " + unitCode(p.maintainerUnitId) + "; the prefecture center or that unit keeps it.");
        }
        return p;
    }

    // ---- services -------------------------------------------------------------------------------------------

    @Transactional
    public DirectoryViews.ServiceView createService(DirectoryViews.ServiceRequest r) {
        return view(createService(UUID.randomUUID().toString(), r, "SERVICE_CREATE", ""));
    }

    /** {@code field} prefixes the names of invalid fields (an import's position of the service). */
    ServiceEntry createService(String id, DirectoryViews.ServiceRequest r, String action, String field) {
        OrgUnit unit = requireSteward("DIRECTORY_SERVICE_CREATE", null);
        Provider provider = readableOrganization(r.organizationId()).orElseThrow(() -> ApiProblem.invalidField(field + "organizationId",
                "no directory organization " + r.organizationId() + " of your prefecture", "unknown-organization"));
        ServiceEntry s = new ServiceEntry();
        s.id = id;
        s.prefCode = unit.prefCode;
        s.maintainerUnitId = unit.id;
        s.organizationId = provider.id;
        apply(s, r, field);
        em.persist(s);
        em.flush();
        history(provider.id, s.id, action, view(s));
        audit.record("DIRECTORY_SERVICE_CREATE", "directory-service", s.id, s.serviceType.name());
        return s;
    }

    @Transactional
    public DirectoryViews.ServiceView updateService(String id, DirectoryViews.ServiceRequest r) {
        ServiceEntry s = requireMaintainedService(id, "DIRECTORY_SERVICE_UPDATE");
        requireVersion(r.version(), s.version);
        return view(updateService(s, r, "SERVICE_UPDATE", ""));
    }

    ServiceEntry updateService(ServiceEntry s, DirectoryViews.ServiceRequest r, String action, String field) {
        Provider provider = readableOrganization(r.organizationId()).orElseThrow(() -> ApiProblem.invalidField(field + "organizationId",
                "no directory organization " + r.organizationId() + " of your prefecture", "unknown-organization"));
        s.organizationId = provider.id;
        apply(s, r, field);
        em.flush();
        history(provider.id, s.id, action, view(s));
        audit.record("DIRECTORY_SERVICE_UPDATE", "directory-service", s.id, null);
        return s;
    }

    /** The maintainer confirms the entry today, with today's vacancy. */
    @Transactional
    public DirectoryViews.ServiceView confirm(String id, DirectoryViews.Confirmation c) {
        ServiceEntry s = requireMaintainedService(id, "DIRECTORY_SERVICE_CONFIRM");
        requireVersion(c.version(), s.version);
        if (c.vacancy() != null && s.capacity != null && c.vacancy() > s.capacity) {
            throw ApiProblem.invalidField("vacancy", "exceeds the capacity (" + s.capacity + ")", "over-capacity");
        }
        s.vacancy = c.vacancy();
        s.vacancyConfirmedOn = c.vacancy() == null ? null : today();
        s.confirmedOn = today();
        s.updatedAt = clock.instant();
        em.flush();
        history(s.organizationId, s.id, "SERVICE_CONFIRM", view(s));
        audit.record("DIRECTORY_SERVICE_CONFIRM", "directory-service", s.id, "vacancy " + c.vacancy());
        return view(s);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public DirectoryViews.ServiceView getService(String id) {
        return view(readableService(id).orElseThrow(() -> ApiProblem.notFound("Service", id)));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<DirectoryViews.ChangeView> history(String serviceId, PageRequest page) {
        ServiceEntry s = readableService(serviceId).orElseThrow(() -> ApiProblem.notFound("Service", serviceId));
        List<DirectoryChange> rows = em.createQuery("from DirectoryChange c where c.serviceId = :id order by c.id desc", DirectoryChange.class)
                .setParameter("id", s.id).setFirstResult(page.offset()).setMaxResults(page.size).getResultList();
        long total = em.createQuery("select count(c) from DirectoryChange c where c.serviceId = :id", Long.class).setParameter("id", s.id)
                .getSingleResult();
        Map<Long, String> codes = org.codesOf(rows.stream().map(c -> c.changedByUnitId).distinct().toList());
        return Page.of(rows.stream().map(c -> new DirectoryViews.ChangeView(c.id, c.action, c.changedBy, codes.get(c.changedByUnitId),
                c.changedAt, c.snapshot)).toList(), page, total);
    }

    java.util.Optional<ServiceEntry> readableService(String id) {
        ServiceEntry s = id == null ? null : em.find(ServiceEntry.class, id);
        return s != null && s.prefCode.equals(stewardship.prefCode()) ? java.util.Optional.of(s) : java.util.Optional.empty();
    }

    private ServiceEntry requireMaintainedService(String id, String action) {
        ServiceEntry s = readableService(id).orElseThrow(() -> ApiProblem.notFound("Service", id));
        if (!stewardship.maintains(s.prefCode, s.maintainerUnitId)) {
            throw audit.refuse(action, "directory-service", id,
                    "This service is maintained by " + unitCode(s.maintainerUnitId) + "; the prefecture center or that unit keeps it.");
        }
        return s;
    }

    /** Copies a request onto the entry after checking what Bean Validation cannot: codes, municipalities, region, ages. */
    private void apply(ServiceEntry s, DirectoryViews.ServiceRequest r, String field) {
        List<Problem.FieldError> errors = new ArrayList<>();
        List<String> care = r.careTypes().stream().distinct().toList();
        for (int i = 0; i < care.size(); i++) {
            try {
                taxonomy.requireCode("medical_care", care.get(i), field + "careTypes[" + i + "]");
            } catch (ApiProblem p) {
                errors.addAll(p.errors());
            }
        }
        if (r.minAge() != null && r.maxAge() != null && r.minAge() > r.maxAge()) {
            errors.add(new Problem.FieldError(field + "maxAge", "must not be below minAge", "age-range"));
        }
        if (r.vacancy() != null && r.capacity() != null && r.vacancy() > r.capacity()) {
            errors.add(new Problem.FieldError(field + "vacancy", "exceeds the capacity", "over-capacity"));
        }
        List<String> areas = r.serviceAreas().stream().distinct().toList();
        for (int i = 0; i < areas.size(); i++) {
            String lg = areas.get(i);
            Municipality m = LgCodes.problemWith(lg) == null ? org.municipality(lg).orElse(null) : null;
            if (m == null || !m.prefCode.equals(s.prefCode)) {
                errors.add(new Problem.FieldError(field + "serviceAreas[" + i + "]", "is not a municipality of your prefecture: " + lg, "unknown-municipality"));
            }
        }
        List<String> outside = stewardship.outsideRegion(areas);
        if (errors.isEmpty() && !outside.isEmpty()) {
            throw audit.refuse("DIRECTORY_SERVICE_WRITE", "directory-service", s.id,
                    "Your unit maintains entries for the municipalities it covers; " + outside + " lie outside. The prefecture center keeps those.");
        }
        String locationLg = r.location() == null ? null : r.location().lgcode();
        if (locationLg != null && org.municipality(locationLg).isEmpty()) {
            errors.add(new Problem.FieldError(field + "location.lgcode", "unknown municipality " + locationLg, "unknown-municipality"));
        }
        List<ServiceEntry.Opening> openings = new ArrayList<>();
        List<DirectoryViews.ScheduleInput> schedules = r.schedules() == null ? List.of() : r.schedules();
        for (int i = 0; i < schedules.size(); i++) {
            DirectoryViews.ScheduleInput in = schedules.get(i);
            LocalTime opens = LocalTime.parse(in.opensAt());
            LocalTime closes = LocalTime.parse(in.closesAt());
            if (!opens.isBefore(closes)) {
                errors.add(new Problem.FieldError(field + "schedules[" + i + "].closesAt", "must be after opensAt", "closes-before-opening"));
            }
            ServiceEntry.Opening o = new ServiceEntry.Opening(in.weekday(), opens, closes);
            if (openings.contains(o)) {
                errors.add(new Problem.FieldError(field + "schedules[" + i + "]", "is listed twice", "duplicate"));
            }
            openings.add(o);
        }
        if (!errors.isEmpty()) {
            throw new ApiProblem(ProblemType.VALIDATION_FAILED, "The directory entry is not valid.", errors, Map.of());
        }
        s.serviceType = r.serviceType();
        s.name = r.name().strip();
        s.description = blankToNull(r.description());
        s.url = blankToNull(r.url());
        s.email = blankToNull(r.email());
        s.phone = blankToNull(r.phone());
        s.minAge = r.minAge();
        s.maxAge = r.maxAge();
        s.mobileAccepted = r.mobileAccepted();
        s.capacity = r.capacity();
        if (!Objects.equals(s.vacancy, r.vacancy()) || s.vacancyConfirmedOn == null) {
            s.vacancyConfirmedOn = r.vacancy() == null ? null : today();
        }
        s.vacancy = r.vacancy();
        s.languages = String.join(",", r.languages() == null || r.languages().isEmpty() ? List.of("ja") : r.languages().stream().distinct().toList());
        DirectoryViews.LocationInput l = r.location();
        s.locationName = l == null ? null : blankToNull(l.name());
        s.address = l == null ? null : blankToNull(l.address());
        s.postalCode = l == null ? null : l.postalCode();
        s.locationLgcode = locationLg;
        s.latitude = l == null ? null : l.latitude();
        s.longitude = l == null ? null : l.longitude();
        s.careTypes.clear();
        s.careTypes.addAll(care);
        s.serviceAreas.clear();
        s.serviceAreas.addAll(areas);
        s.schedules.clear();
        s.schedules.addAll(openings);
        s.contacts.clear();
        (r.contacts() == null ? List.<DirectoryViews.ContactInput>of() : r.contacts()).forEach(c -> s.contacts.add(
                new ServiceEntry.Contact(c.name().strip(), blankToNull(c.title()), blankToNull(c.email()), blankToNull(c.phone()))));
        // A write by the maintainer is a confirmation of the whole entry.
        s.confirmedOn = today();
        s.updatedAt = clock.instant();
    }

    // ---- search and the maintainer's stale list --------------------------------------------------------------

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<DirectoryViews.ServiceView> search(Filter f, PageRequest page) {
        StringBuilder where = new StringBuilder(" from directory_service s where s.pref_code = :pref");
        Map<String, Object> p = new HashMap<>();
        p.put("pref", stewardship.prefCode());
        if (f.serviceType() != null) {
            where.append(" and s.service_type = :type");
            p.put("type", f.serviceType().name());
        }
        List<String> served = served(f);
        if (served != null) {
            where.append(" and exists (select 1 from directory_service_area a where a.service_id = s.id and a.lgcode in (:served))");
            p.put("served", served);
        }
        if (f.careTypes() != null && !f.careTypes().isEmpty()) {
            List<String> care = f.careTypes().stream().distinct().toList();
            for (int i = 0; i < care.size(); i++) {
                taxonomy.requireCode("medical_care", care.get(i), "careTypes");
            }
            // every one of the child's care types must be accepted
            where.append(" and (select count(*) from directory_service_care_type c where c.service_id = s.id and c.care_code in (:care)) = :careCount");
            p.put("care", care);
            p.put("careCount", care.size());
        }
        if (f.age() != null) {
            where.append(" and (s.min_age is null or s.min_age <= :age) and (s.max_age is null or s.max_age >= :age)");
            p.put("age", f.age());
        }
        if (Boolean.TRUE.equals(f.vacancy())) {
            where.append(" and s.vacancy > 0");
        }
        if (Boolean.TRUE.equals(f.mobile())) {
            where.append(" and s.mobile_accepted");
        }
        if (f.stale() != null) {
            where.append(f.stale() ? " and s.confirmed_on < :staleBefore" : " and s.confirmed_on >= :staleBefore");
            p.put("staleBefore", staleBefore());
        }
        return page(where.toString(), p, page);
    }

    /** Municipalities a search asks for (served there, or anywhere in a region's coverage today); null for any. */
    private List<String> served(Filter f) {
        if (f.municipality() != null && f.region() != null) {
            throw ApiProblem.invalidField("region", "give either municipality or region", "one-of");
        }
        if (f.municipality() != null) {
            LgCodes.require("municipality", f.municipality());
            return List.of(f.municipality());
        }
        if (f.region() != null) {
            OrgUnit unit = org.unitByCode(f.region()).filter(u -> u.prefCode.equals(stewardship.prefCode()))
                    .orElseThrow(() -> ApiProblem.invalidField("region", "no unit " + f.region() + " in your prefecture", "unknown-unit"));
            List<String> lgcodes = org.coveredBy(unit.id, today()).stream().map(m -> m.lgcode).toList();
            return lgcodes.isEmpty() ? List.of(AccessRules.NO_MUNICIPALITY) : lgcodes;
        }
        return null;
    }

    /** Entries the caller maintains that nobody confirmed for the configured months, oldest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<DirectoryViews.ServiceView> stale(PageRequest page) {
        if (!stewardship.maintainsAny()) {
            throw audit.refuse("DIRECTORY_STALE_READ", "directory-service", null, "The stale list is for the units that maintain entries.");
        }
        AccessRules.Condition mine = stewardship.maintained("s");
        Map<String, Object> p = new HashMap<>(mine.parameters());
        p.put("staleBefore", staleBefore());
        return page(" from directory_service s where " + mine.text() + " and s.confirmed_on < :staleBefore", p, page, "s.confirmed_on, s.id");
    }

    private Page<DirectoryViews.ServiceView> page(String from, Map<String, Object> p, PageRequest page) {
        return page(from, p, page, "s.name, s.id");
    }

    private Page<DirectoryViews.ServiceView> page(String from, Map<String, Object> p, PageRequest page, String order) {
        Query ids = em.createNativeQuery("select s.id" + from + " order by " + order);
        Query count = em.createNativeQuery("select count(*)" + from);
        p.forEach((k, v) -> {
            ids.setParameter(k, v);
            count.setParameter(k, v);
        });
        @SuppressWarnings("unchecked")
        List<Object> found = ids.setFirstResult(page.offset()).setMaxResults(page.size).getResultList();
        long total = ((Number) count.getSingleResult()).longValue();
        List<DirectoryViews.ServiceView> items = found.stream().map(id -> view(em.find(ServiceEntry.class, id.toString()))).toList();
        return Page.of(items, page, total);
    }

    /** Every page of a search, for the CSV export (audited). */
    @Transactional
    public List<DirectoryViews.ServiceView> searchAll(Filter f) {
        List<DirectoryViews.ServiceView> all = new ArrayList<>();
        for (int n = 0; n < 100; n++) {
            Page<DirectoryViews.ServiceView> page = search(f, new PageRequest(n, PageRequest.MAX_SIZE));
            all.addAll(page.items());
            if (n + 1 >= page.totalPages()) {
                break;
            }
        }
        audit.record("DIRECTORY_EXPORT", "directory-service", null, "csv, " + all.size() + " services");
        return all;
    }

    // ---- statistics -----------------------------------------------------------------------------------------

    /** Short stays for the gap list: overnight care away from home. */
    static final Set<ServiceType> SHORT_STAYS = Set.of(ServiceType.SHORT_STAY_MEDICAL, ServiceType.HOSPITAL_RESPITE_BEDS);

    @Transactional(Transactional.TxType.SUPPORTS)
    public DirectoryViews.Statistics statistics() {
        String pref = stewardship.prefCode();
        LocalDate today = today();
        List<TaxonomyViews.Term> careTypes = taxonomy.vocabulary("medical_care").map(TaxonomyViews.Vocabulary::terms).orElse(List.of());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select a.lgcode, s.id, c.care_code from directory_service s"
                + " join directory_service_area a on a.service_id = s.id left join directory_service_care_type c on c.service_id = s.id"
                + " where s.pref_code = :pref").setParameter("pref", pref).getResultList();
        Map<String, String> regionOf = new HashMap<>();
        Map<String, Map<String, Set<String>>> byRegion = new LinkedHashMap<>();
        Map<String, Set<String>> totals = new HashMap<>();
        for (Object[] row : rows) {
            String region = regionOf.computeIfAbsent(row[0].toString(), lg -> region(lg, today));
            String service = row[1].toString();
            totals.computeIfAbsent(region, k -> new java.util.HashSet<>()).add(service);
            if (row[2] != null) {
                byRegion.computeIfAbsent(region, k -> new HashMap<>()).computeIfAbsent(row[2].toString(), k -> new java.util.HashSet<>()).add(service);
            }
        }
        List<DirectoryViews.RegionRow> regionRows = totals.keySet().stream().sorted(Comparator.comparing((String code) -> code.equals("NONE"))
                .thenComparing(Comparator.naturalOrder())).map(code -> {
                    Map<String, Set<String>> cells = byRegion.getOrDefault(code, Map.of());
                    String name = code.equals("NONE") ? "担当ユニットなし" : org.unitByCode(code).map(u -> u.nameJa).orElse(code);
                    return new DirectoryViews.RegionRow(code, name,
                            careTypes.stream().map(t -> (long) cells.getOrDefault(t.code(), Set.of()).size()).toList(), totals.get(code).size());
                }).toList();
        @SuppressWarnings("unchecked")
        List<Object[]> gaps = em.createNativeQuery("select m.lgcode, m.name from municipality m where m.pref_code = :pref"
                // a designated city is served through its wards, which are listed themselves
                + " and not exists (select 1 from municipality w where w.pref_code = m.pref_code and w.name like concat(m.name, ' %'))"
                + " and not exists (select 1 from directory_service s join directory_service_area a on a.service_id = s.id"
                + " join directory_service_care_type c on c.service_id = s.id and c.care_code = 'VENTILATOR'"
                + " where a.lgcode = m.lgcode and s.pref_code = m.pref_code and s.service_type in (:stays))"
                + " order by m.lgcode").setParameter("pref", pref).setParameter("stays", SHORT_STAYS.stream().map(Enum::name).toList())
                .getResultList();
        return new DirectoryViews.Statistics(pref, today, careTypes, regionRows,
                gaps.stream().map(g -> new OrgViews.MunicipalityRef(g[0].toString(), g[1].toString())).toList());
    }

    /** The unit covering a municipality today (a municipal office counts for the region above it), NONE if none. */
    private String region(String lgcode, LocalDate today) {
        return org.coveringUnit(lgcode, today).map(u -> u.kind == jp.tsunagu.org.UnitKind.MUNICIPAL_OFFICE && u.parentId != null
                ? org.unit(u.parentId).map(p -> p.code).orElse(u.code) : u.code).orElse("NONE");
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private OrgUnit requireSteward(String action, Object id) {
        if (!stewardship.maintainsAny()) {
            throw audit.refuse(action, "directory", id, "Directory entries are maintained by the center, the branches and the municipal units.");
        }
        return stewardship.unit();
    }

    private static void requireVersion(Long sent, long current) {
        if (sent == null) {
            throw ApiProblem.invalidField("version", "send the version you read", "required");
        }
        if (sent != current) {
            throw new ApiProblem(ProblemType.CONCURRENT_CHANGE, "The entry was changed by another request meanwhile (version " + current + ").",
                    List.of(), Map.of("currentVersion", current));
        }
    }

    private void history(String organizationId, String serviceId, String action, Object snapshot) {
        DirectoryChange c = new DirectoryChange();
        c.organizationId = organizationId;
        c.serviceId = serviceId;
        c.action = action;
        c.changedBy = caller.subject();
        c.changedByUnitId = stewardship.unit().id;
        c.changedAt = clock.instant();
        try {
            c.snapshot = json.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        em.persist(c);
    }

    private String unitCode(long unitId) {
        return org.unit(unitId).map(u -> u.code).orElse("?");
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    DirectoryViews.OrganizationView view(Provider p) {
        return new DirectoryViews.OrganizationView(p.id, p.name, p.description, p.website, p.email, p.phone, unitCode(p.maintainerUnitId), p.version);
    }

    DirectoryViews.ServiceView view(ServiceEntry s) {
        Provider p = em.find(Provider.class, s.organizationId);
        Map<String, TaxonomyViews.Term> terms = new HashMap<>();
        taxonomy.vocabulary("medical_care").ifPresent(v -> v.terms().forEach(t -> terms.put(t.code(), t)));
        List<TaxonomyViews.Term> care = s.careTypes.stream().sorted().map(c -> terms.getOrDefault(c, new TaxonomyViews.Term(c, c, c))).toList();
        List<OrgViews.MunicipalityRef> areas = s.serviceAreas.stream().sorted()
                .map(lg -> org.municipality(lg).map(OrgViews.MunicipalityRef::of).orElse(new OrgViews.MunicipalityRef(lg, lg))).toList();
        DirectoryViews.LocationView location = s.address == null && s.locationName == null && s.locationLgcode == null && s.latitude == null ? null
                : new DirectoryViews.LocationView(s.locationName, s.address, s.postalCode,
                        s.locationLgcode == null ? null : org.municipality(s.locationLgcode).map(OrgViews.MunicipalityRef::of).orElse(null),
                        s.latitude, s.longitude);
        List<DirectoryViews.ScheduleInput> schedules = s.schedules.stream()
                .sorted(Comparator.comparingInt(ServiceEntry.Opening::weekday).thenComparing(ServiceEntry.Opening::opensAt))
                .map(o -> new DirectoryViews.ScheduleInput(o.weekday(), o.opensAt().toString(), o.closesAt().toString())).toList();
        List<DirectoryViews.ContactInput> contacts = s.contacts.stream()
                .map(c -> new DirectoryViews.ContactInput(c.name(), c.title(), c.email(), c.phone())).toList();
        return new DirectoryViews.ServiceView(s.id, new DirectoryViews.OrganizationRef(p.id, p.name), s.serviceType, s.serviceType.labelJa,
                s.serviceType.labelEn, s.name, s.description, s.url, s.email, s.phone, care, s.minAge, s.maxAge, s.mobileAccepted, s.capacity,
                s.vacancy, s.vacancyConfirmedOn, List.of(s.languages.split(",")), location, areas, schedules, contacts,
                unitCode(s.maintainerUnitId), s.confirmedOn, s.confirmedOn.isBefore(staleBefore()), s.version);
    }
}
