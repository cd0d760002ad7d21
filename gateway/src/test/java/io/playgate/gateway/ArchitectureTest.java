package io.playgate.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Every "never" of ARCHITECTURE.md, "Import rules", as a rule over the production classes. The rules are built by
 * {@link CapabilityRules}; {@code ArchitectureRulesBiteTest} shows each kind fails on a violating fixture.
 */
class ArchitectureTest {

  static final String ROOT = "io.playgate.gateway";

  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages(ROOT, "io.playgate.hub.local");

  /**
   * The capabilities that mount routes ({@code oembed}, {@code embed}, {@code preview}, {@code metrics}, and the
   * hub's webhook and the management listener); {@code partner} mounts routes too but also owns shared policy types.
   */
  private static final String[] ROUTE_CAPABILITIES = {"oembed", "embed", "preview", "metrics", "takedown", "management",
      "mediaproxy", "artwork"};

  @Test
  void routeCapabilitiesNeverDependOnEachOther() {
    CapabilityRules.pairwise(ROOT, ROUTE_CAPABILITIES).check(CLASSES);
  }

  /**
   * {@code partner} never depends on the other capabilities at all. They do use its shared policy types
   * ({@code Partners}, {@code Partner}, {@code Rights}, {@code PartnerPolicy}, {@code EmbedSigner}: who may embed,
   * rights, signing), which is the point of the package, so in that direction the rule covers its handlers and
   * routes only.
   */
  @Test
  void partnerAndTheOtherCapabilitiesMeetOnlyInPolicyTypes() {
    CapabilityRules.partnerSharesPolicyOnly(ROOT, ROUTE_CAPABILITIES).check(CLASSES);
  }

  @Test
  void hubNeverImportsTheCacheOrTheLocalHub() {
    CapabilityRules.neverImports(ROOT + ".hub..", ROOT + ".cache..", "io.playgate.hub.local..")
        .because("the hub client speaks Hub API v1 to any hub; the cache sits above it and the local hub is just "
            + "one hub, reached over HTTP like the others")
        .check(CLASSES);
  }

  @Test
  void localHubNeverImportsTheGatewayCache() {
    CapabilityRules.neverImports("io.playgate.hub.local..", ROOT + ".cache..")
        .because("the local hub (module hub-local) serves Hub API v1 and knows nothing of who caches its answers")
        .check(CLASSES);
  }

  @Test
  void capabilitiesNeverImportConfigOrApp() {
    CapabilityRules.capabilitiesIgnoreTheBoot(ROOT).check(CLASSES);
  }

  @Test
  void hubKnowsNothingOfTheGateway() {
    noClasses().that().resideInAPackage(ROOT + ".hub..")
        .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".oembed..", ROOT + ".embed..",
            ROOT + ".preview..", ROOT + ".http..", ROOT + ".cache..", ROOT + ".app..")
        .check(CLASSES);
  }

  @Test
  void cacheKnowsNothingOfHttp() {
    CapabilityRules.neverImports(ROOT + ".cache..", ROOT + ".http..", "io.vertx.ext.web..")
        .because("the cache is a store with a hub behind it; routes and requests live in http and the capabilities "
            + "(the hub's webhook is takedown's)")
        .check(CLASSES);
  }

  @Test
  void noCapabilityKnowsWhetherThereIsARedis() {
    noClasses().that().resideOutsideOfPackages(ROOT + ".app..", ROOT + ".config..", ROOT + ".cluster..")
        .should().dependOnClassesThat().resideInAPackage(ROOT + ".cluster..")
        .because("the cluster's shared pieces plug into the ports of cache and partner; the app wires them")
        .check(CLASSES);
  }

  @Test
  void onlyTheClusterTalksToRedis() {
    noClasses().that().resideOutsideOfPackage(ROOT + ".cluster..")
        .should().dependOnClassesThat().resideInAPackage("io.vertx.redis..")
        .because("every Redis call needs RedisLink's deadline and breaker")
        .check(CLASSES);
  }

  @Test
  void onlyTheAppWiresEverything() {
    noClasses().that().resideOutsideOfPackage(ROOT + ".app..")
        .should().dependOnClassesThat().resideInAPackage(ROOT + ".app..")
        .check(CLASSES);
  }

  @Test
  void faultInjectionStaysOutOfTheGateway() {
    noClasses().that().resideInAPackage(ROOT + "..")
        .should().dependOnClassesThat().resideInAPackage("io.playgate.hub.simulator..")
        .because("the hub simulator is a test and load-test tool (module hub-simulator), never in the gateway's jar")
        .check(CLASSES);
  }
}
