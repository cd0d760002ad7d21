package io.playgate.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Capability packages meet in cache, hub and view types, never in each other's code (HOUSE-STYLE.md). */
class ArchitectureTest {

  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.playgate.gateway");

  private static final String[] CAPABILITIES = {"oembed", "embed", "preview"};

  @Test
  void capabilitiesDoNotImportEachOther() {
    for (String a : CAPABILITIES) {
      for (String b : CAPABILITIES) {
        if (!a.equals(b)) {
          noClasses().that().resideInAPackage("io.playgate.gateway." + a + "..")
              .should().dependOnClassesThat().resideInAPackage("io.playgate.gateway." + b + "..")
              .check(CLASSES);
        }
      }
    }
  }

  @Test
  void hubKnowsNothingOfTheGateway() {
    noClasses().that().resideInAPackage("io.playgate.gateway.hub..")
        .should().dependOnClassesThat().resideInAnyPackage("io.playgate.gateway.oembed..", "io.playgate.gateway.embed..",
            "io.playgate.gateway.preview..", "io.playgate.gateway.http..", "io.playgate.gateway.cache..", "io.playgate.gateway.app..")
        .check(CLASSES);
  }

  @Test
  void cacheKnowsNothingOfHttp() {
    noClasses().that().resideInAPackage("io.playgate.gateway.cache..")
        .should().dependOnClassesThat().resideInAnyPackage("io.playgate.gateway.http..", "io.vertx.ext.web..")
        .check(CLASSES);
  }

  @Test
  void onlyTheAppWiresEverything() {
    noClasses().that().resideOutsideOfPackage("io.playgate.gateway.app..")
        .should().dependOnClassesThat().resideInAPackage("io.playgate.gateway.app..")
        .check(CLASSES);
  }

  @Test
  void faultInjectionStaysOutOfTheGateway() {
    noClasses().that().resideInAPackage("io.playgate.gateway..")
        .should().dependOnClassesThat().resideInAPackage("io.playgate.hub.simulator..")
        .because("the hub simulator is a test and load-test tool (module hub-simulator), never in the gateway's jar")
        .check(CLASSES);
  }
}
