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
import org.eclipse.microprofile.config.inject.ConfigProperty;
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
    private final StructureImporter importer;
    private final OrgRepository org;
    private final EntityManager em;

    public DemoData(@ConfigProperty(name = "tsunagu.demo.enabled", defaultValue = "false") boolean enabled,
            StructureImporter importer, OrgRepository org, EntityManager em) {
        this.enabled = enabled;
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
