package jp.tsunagu.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

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
}
