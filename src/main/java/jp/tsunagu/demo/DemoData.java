package jp.tsunagu.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import jp.tsunagu.org.Coordinator;
import jp.tsunagu.org.CoordinatorRole;
import jp.tsunagu.org.OrgRepository;
import jp.tsunagu.org.Profession;
import jp.tsunagu.org.StructureImporter;

/**
 * Loads the demo prefectures (Kanagawa, Tokyo) and their coordinators at start-up when
 * {@code tsunagu.demo.enabled} is true (the demo run and the tests). It goes through the same
 * importer the admin endpoint uses, so loading twice changes nothing.
 */
@ApplicationScoped
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class);
    static final List<String> STRUCTURES = List.of("demo/structure-kanagawa.csv", "demo/structure-tokyo.csv");

    private final boolean enabled;
    private final boolean consultations;
    private final StructureImporter importer;
    private final OrgRepository org;
    private final EntityManager em;

    public DemoData(DemoSettings settings, StructureImporter importer, OrgRepository org, EntityManager em) {
        this.enabled = settings.enabled();
        this.consultations = settings.consultations();
        this.importer = importer;
        this.org = org;
        this.em = em;
    }

    void onStart(@Observes StartupEvent event) throws IOException {
        if (!enabled) {
            return;
        }
        for (String structure : STRUCTURES) {
            try (Reader csv = resource(structure)) {
                var result = importer.importCsv(csv, scope -> {
                });
                LOG.infof("Demo structure %s: %s", structure, result);
            }
        }
        loadCoordinators();
        if (consultations) {
            loadExampleConsultations();
        }
    }

    /**
     * Tokyo's 23 example consultations of 2022-09..11, spread over the two sites and a few of their
     * municipalities, so that the demo's lists and statistics have something to show. Loaded once.
     */
    @Transactional
    void loadExampleConsultations() throws IOException {
        if (em.createQuery("select count(c) from Consultation c where c.prefCode = '13'", Long.class).getSingleResult() > 0) {
            return;
        }
        String[][] places = { { "13-ku", "131016" }, { "13-ku", "131211" }, { "13-tama", "132012" }, { "13-tama", "132063" } };
        int n = 0;
        try (Reader csv = resource("demo/example-consultations.csv")) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setCommentMarker('#').get().parse(csv)) {
                String[] place = places[n % places.length];
                jp.tsunagu.consultation.Consultation c = new jp.tsunagu.consultation.Consultation();
                c.id = java.util.UUID.randomUUID().toString();
                c.prefCode = "13";
                java.time.LocalDate day = java.time.LocalDate.of(2022, 9, 1).plusDays(n * 4L);
                c.receivedOn = day;
                c.receivedAt = day.atTime(10, 0).atZone(java.time.ZoneId.of("Asia/Tokyo")).toInstant();
                c.receivingUnitId = org.unitByCode(place[0]).orElseThrow().id;
                c.ownerUnitId = c.receivingUnitId;
                c.channel = n % 3 == 0 ? "WEB_FORM" : "PHONE";
                c.requesterType = r.get("requester_type");
                c.kind = jp.tsunagu.consultation.ConsultationEnums.Kind.valueOf(r.get("kind"));
                c.residenceLgcode = place[1];
                c.chiefComplaint = r.get("chief_complaint_ja");
                c.urgency = jp.tsunagu.consultation.ConsultationEnums.Urgency.NORMAL;
                c.status = n % 2 == 0 ? jp.tsunagu.consultation.ConsultationEnums.Status.CLOSED : jp.tsunagu.consultation.ConsultationEnums.Status.OPEN;
                c.closureReason = n % 2 == 0 ? jp.tsunagu.consultation.ConsultationEnums.ClosureReason.INFORMATION_PROVIDED : null;
                c.createdBy = "demo";
                c.topics.addAll(java.util.List.of(r.get("topics").split(";")));
                em.persist(c);
                n++;
            }
        }
        LOG.infof("Demo consultations: %d examples of Tokyo's first quarter", n);
    }

    @Transactional
    void loadCoordinators() throws IOException {
        try (Reader csv = resource("demo/coordinators.csv")) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setCommentMarker('#').get().parse(csv)) {
                long unitId = org.unitByCode(r.get("unit_code")).orElseThrow().id;
                boolean exists = !em.createQuery("select c.id from Coordinator c where c.unitId = :u and c.name = :n", Long.class)
                        .setParameter("u", unitId).setParameter("n", r.get("name")).getResultList().isEmpty();
                if (exists) {
                    continue;
                }
                Coordinator c = new Coordinator();
                c.unitId = unitId;
                c.name = r.get("name");
                c.nameKana = r.get("name_kana");
                c.profession = Profession.valueOf(r.get("profession"));
                c.role = CoordinatorRole.valueOf(r.get("role"));
                c.phone = r.get("phone");
                c.email = r.get("email");
                for (String lg : r.get("municipalities").split(";")) {
                    if (!lg.isBlank()) {
                        c.municipalities.add(lg);
                    }
                }
                c.trainings.add(new Coordinator.Training(r.get("course"), Short.parseShort(r.get("fiscal_year"))));
                em.persist(c);
            }
        }
    }

    private static Reader resource(String path) {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("missing demo resource " + path);
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
