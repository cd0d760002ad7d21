package io.playgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules {@link ArchitectureTest} checks can fail: the same {@link CapabilityRules} values, evaluated against the
 * deliberately violating classes of {@code io.playgate.gateway.archfixture}, report exactly the planted violations.
 */
class ArchitectureRulesBiteTest {

  private static final String FIXTURE = "io.playgate.gateway.archfixture";

  private static final JavaClasses FIXTURE_CLASSES = new ClassFileImporter().importPackages(FIXTURE);

  @Test
  void capabilitiesReachingIntoEachOtherFail() {
    EvaluationResult result = CapabilityRules.pairwise(FIXTURE, "oembed", "embed").evaluate(FIXTURE_CLASSES);

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().getDetails())
        .anyMatch(line -> line.contains("FixtureOEmbedHandler") && line.contains("FixtureEmbedHandler"));
  }

  @Test
  void callingAnotherCapabilitysHandlerFailsButItsPolicyTypesAreFine() {
    assertThat(violations(CapabilityRules.handlers(FIXTURE, "oembed", "partner")))
        .anyMatch(line -> line.contains("FixtureSignHandler"))
        .noneMatch(line -> line.contains("FixturePolicy"));
    assertThat(CapabilityRules.handlers(FIXTURE, "embed", "partner").evaluate(FIXTURE_CLASSES).hasViolation())
        .as("embed uses only partner's policy type")
        .isFalse();
  }

  @Test
  void cacheReachingIntoHttpOrVertxWebFails() {
    assertThat(violations(CapabilityRules.neverImports(FIXTURE + ".cache..", FIXTURE + ".http..", "io.vertx.ext.web..")))
        .anyMatch(line -> line.contains("FixtureRoute"))
        .anyMatch(line -> line.contains("io.vertx.ext.web.RoutingContext"));
  }

  @Test
  void hubOrLocalHubReachingIntoTheCacheFails() {
    assertThat(violations(CapabilityRules.neverImports(FIXTURE + ".hub..", FIXTURE + ".cache..", FIXTURE + ".local..")))
        .anyMatch(line -> line.contains("FixtureHubClient") && line.contains("FixtureCache"));
    assertThat(violations(CapabilityRules.neverImports(FIXTURE + ".local..", FIXTURE + ".cache..")))
        .anyMatch(line -> line.contains("FixtureLocalHub") && line.contains("FixtureCache"));
  }

  @Test
  void aCapabilityReadingConfigFails() {
    assertThat(violations(CapabilityRules.capabilitiesIgnoreTheBoot(FIXTURE)))
        .anyMatch(line -> line.contains("FixtureHubClient") && line.contains("FixtureConfig"));
  }

  private static List<String> violations(ArchRule rule) {
    EvaluationResult result = rule.evaluate(FIXTURE_CLASSES);
    assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
    return result.getFailureReport().getDetails();
  }
}
