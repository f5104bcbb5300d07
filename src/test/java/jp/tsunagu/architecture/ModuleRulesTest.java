package jp.tsunagu.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.persistence.Entity;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The house's module rules, checked over the compiled main classes (no server). */
class ModuleRulesTest {

    static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("jp.tsunagu");

    @Test
    void commonKnowsNoFeature() {
        noClasses().that().resideInAPackage("jp.tsunagu.common..").should().dependOnClassesThat()
                .resideInAnyPackage("jp.tsunagu.access..", "jp.tsunagu.audit..", "jp.tsunagu.calendar..", "jp.tsunagu.consultation..",
                        "jp.tsunagu.demo..", "jp.tsunagu.org..", "jp.tsunagu.referral..", "jp.tsunagu.registry..", "jp.tsunagu.stats..",
                        "jp.tsunagu.taxonomy..")
                .because("common holds the error path, paging, idempotency and web plumbing every feature uses").check(MAIN);
    }

    @Test
    void theScopeRulesDependOnNoFeature() {
        noClasses().that().resideInAPackage("jp.tsunagu.access..").should().dependOnClassesThat()
                .resideInAnyPackage("jp.tsunagu.audit..", "jp.tsunagu.consultation..", "jp.tsunagu.org..", "jp.tsunagu.referral..",
                        "jp.tsunagu.registry..", "jp.tsunagu.stats..")
                .because("every feature renders its queries from AccessRules, so AccessRules can import none of them").check(MAIN);
    }

    @Test
    void resourcesMapHttpAndDoNotTouchThePersistenceLayer() {
        noClasses().that().haveSimpleNameEndingWith("Resource").should().dependOnClassesThat()
                .haveFullyQualifiedName("jakarta.persistence.EntityManager")
                .because("a resource maps HTTP to a service call; queries live in services and repositories").check(MAIN);
    }

    @Test
    void ourSettingsAreTypedConfigMappings() {
        noClasses().that().doNotHaveSimpleName("BodySizeLimit").and().doNotHaveSimpleName("OidcDiscovery").should().dependOnClassesThat()
                .haveFullyQualifiedName("org.eclipse.microprofile.config.inject.ConfigProperty")
                .because("each feature reads its tsunagu.* settings through one @ConfigMapping (BodySizeLimit reads Quarkus' own "
                        + "body limit, OidcDiscovery Quarkus' own quarkus.oidc.auth-server-url)")
                .check(MAIN);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("jp.tsunagu.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    /** An entity of a feature other than statistics. */
    static final DescribedPredicate<JavaClass> ENTITY_OF_ANOTHER_FEATURE = DescribedPredicate.describe("an @Entity of another feature",
            c -> c.isAnnotatedWith(Entity.class) && !c.getPackageName().startsWith("jp.tsunagu.stats"));

    @Test
    void statisticsReadOtherFeaturesThroughTheirReadModels() {
        noClasses().that().resideInAPackage("jp.tsunagu.stats..").should().dependOnClassesThat(ENTITY_OF_ANOTHER_FEATURE)
                .because("stats reads org, taxonomy and referral through their public read models (UnitDirectory, Vocabularies, "
                        + "OpenReferrals) and view records, so that an entity's fields stay its feature's business")
                .check(MAIN);
    }

    @Test
    void statisticsQueriesNameNoEntityOfAnotherFeature() {
        List<String> entities = MAIN.stream().filter(ENTITY_OF_ANOTHER_FEATURE).map(JavaClass::getSimpleName).toList();
        assertTrue(entities.size() > 10, "the entities were not found: " + entities);
        List<String> found = new ArrayList<>();
        MAIN.stream().filter(c -> c.getPackageName().startsWith("jp.tsunagu.stats"))
                .forEach(c -> found.addAll(jpqlNaming(entities, c.reflect())));
        assertEquals(List.of(), found, "JPQL in stats names an entity of another feature; read it through that feature's read model "
                + "(native SQL that joins the other tables for counting is the database aggregating and is not matched)");
    }

    @Test
    void theQueryScanSeesAnEntityInAString() {
        List<String> entities = List.of("OrgUnit", "Coordinator", "TaxonomyTerm");
        List<String> found = jpqlNaming(entities, QueriesAnother.class);
        assertEquals(3, found.size(), String.join("\n", found));
        assertTrue(found.stream().anyMatch(f -> f.contains("TaxonomyTerm")), String.join("\n", found));
        assertEquals(List.of(), jpqlNaming(entities, QueriesOwnTables.class));
    }

    /**
     * The string constants of {@code type} that read like JPQL over one of {@code entities}: "from|join|update Name", or
     * ", Name alias" (a theta join). Entity names are matched case-sensitively, so native SQL on tables
     * ({@code FROM org_unit}, {@code JOIN coordinator}) does not count.
     */
    static List<String> jpqlNaming(List<String> entities, Class<?> type) {
        List<String> found = new ArrayList<>();
        for (String entity : entities) {
            Pattern jpql = Pattern.compile("(?:(?i:\\bfrom|\\bjoin|\\bupdate)\\s+(?:[\\w.]+\\.)?|,\\s*)" + entity + "\\b(?!\\.)(?:\\s|$)");
            for (String constant : ClassConstants.strings(type)) {
                if (jpql.matcher(constant).find()) {
                    found.add(type.getName() + " names " + entity + " in \"" + constant + "\"");
                }
            }
        }
        return found;
    }

    /** What the query scan refuses (a JPQL literal, a concatenation, a theta join). */
    @SuppressWarnings("unused")
    static final class QueriesAnother {
        static final String LITERAL = "from TaxonomyTerm t where t.kind = :kind";

        static String concatenated(String where) {
            return "select co.id, co.name, u.code from Coordinator co, OrgUnit u where " + where;
        }
    }

    /** What it lets pass: native SQL on other tables, labels that merely mention a word. */
    @SuppressWarnings("unused")
    static final class QueriesOwnTables {
        static String nativeSql(String where) {
            return "SELECT co.id FROM coordinator co JOIN org_unit u ON u.id = co.unit_id WHERE " + where;
        }

        static final String LABEL = "Coordinator / status, OrgUnit.code";
    }
}
