package io.addrservice;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layers of DESIGN §1: arrows only point down, only the web layer knows HTTP, and no two
 * packages depend on each other.
 */
class ArchitectureTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.addrservice");

  @Test
  void onlyTheWebLayerKnowsHttp() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.addrservice.service..", "io.addrservice.store..", "io.addrservice.model..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "jakarta.ws.rs..",
            "io.vertx.core.http..",
            "org.jboss.resteasy..",
            "io.quarkus.vertx.http..")
        .check(MAIN);
  }

  @Test
  void layersOnlyPointDown() {
    layeredArchitecture()
        .consideringOnlyDependenciesInAnyPackage("io.addrservice..")
        .layer("api")
        .definedBy("io.addrservice.api..")
        .layer("service")
        .definedBy("io.addrservice.service..")
        .layer("store")
        .definedBy("io.addrservice.store..")
        .layer("model")
        .definedBy("io.addrservice.model..")
        .layer("config")
        .definedBy("io.addrservice.config..")
        .layer("health")
        .definedBy("io.addrservice.health..")
        .whereLayer("api")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("service")
        .mayOnlyBeAccessedByLayers("api")
        .whereLayer("store")
        .mayOnlyBeAccessedByLayers("service", "health")
        .whereLayer("health")
        .mayNotBeAccessedByAnyLayer()
        .check(MAIN);
  }

  @Test
  void noPackageCycles() {
    slices().matching("io.addrservice.(**)").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void noCodeOutsideTheStoreNamesAConcreteEngine() {
    DescribedPredicate<JavaClass> engines =
        JavaClass.Predicates.resideInAPackage("io.addrservice.store..")
            .and(JavaClass.Predicates.simpleNameEndingWith("Store"))
            .and(DescribedPredicate.not(JavaClass.Predicates.INTERFACES));
    noClasses()
        .that()
        .resideOutsideOfPackage("io.addrservice.store..")
        .should()
        .dependOnClassesThat(engines)
        .check(MAIN);
  }
}
