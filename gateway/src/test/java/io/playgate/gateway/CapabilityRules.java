package io.playgate.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The import rules of ARCHITECTURE.md, "Import rules", as values: {@link ArchitectureTest} checks them against the
 * production classes and {@code ArchitectureRulesBiteTest} evaluates the very same rules against deliberately violating
 * fixture classes (package {@code io.playgate.gateway.archfixture}), so a rule that can never fail is noticed.
 *
 * <p>Capability names are package names relative to a root package ({@code io.playgate.gateway} in production).
 */
final class CapabilityRules {

  private CapabilityRules() {}

  /** No class of capability {@code from} (or its subpackages) depends on any class of capability {@code to}. */
  static ArchRule between(String root, String from, String to) {
    return noClasses().that().resideInAPackage(root + "." + from + "..")
        .should().dependOnClassesThat().resideInAPackage(root + "." + to + "..")
        .because(from + " and " + to + " are separate capabilities: they meet in cache, hub, page and view types, "
            + "never in each other's code");
  }

  /** Every ordered pair of {@code capabilities}: {@link #between} both ways, as one rule. */
  static ArchRule pairwise(String root, String... capabilities) {
    List<ArchRule> rules = new ArrayList<>();
    for (String a : capabilities) {
      for (String b : capabilities) {
        if (!a.equals(b)) {
          rules.add(between(root, a, b));
        }
      }
    }
    return CompositeArchRule.of(rules)
        .as("no two of " + String.join(", ", capabilities) + " (in " + root + ") depend on each other")
        .because("they are separate capabilities: they meet in cache, hub, page and view types, never in each "
            + "other's code");
  }

  /**
   * No class of capability {@code from} depends on a request handler or route mounting class ({@code *Handler},
   * {@code *Routes}) of capability {@code to}; {@code to}'s shared types (policies, records) stay usable.
   */
  static ArchRule handlers(String root, String from, String to) {
    return noClasses().that().resideInAPackage(root + "." + from + "..")
        .should().dependOnClassesThat(handlerOrRoutesIn(root + "." + to))
        .because(from + " may use " + to + "'s shared policy types, but each capability answers its own routes: "
            + "never through another capability's handler");
  }

  /**
   * {@code partner} never depends on any of {@code capabilities}; each of them may use partner's policy types but
   * never its handlers or routes ({@link #handlers}).
   */
  static ArchRule partnerSharesPolicyOnly(String root, String... capabilities) {
    List<ArchRule> rules = new ArrayList<>();
    for (String capability : capabilities) {
      rules.add(between(root, "partner", capability));
      rules.add(handlers(root, capability, "partner"));
    }
    return CompositeArchRule.of(rules)
        .as(root + ".partner depends on none of " + String.join(", ", capabilities)
            + ", and they depend on none of its handlers or routes")
        .because("partner owns the policy types the other capabilities share (who may embed, rights, signing), "
            + "but each capability answers its own routes");
  }

  /** No class in {@code packageIdentifier} (ArchUnit syntax, e.g. {@code a.b..}) depends on {@code forbidden}. */
  static ArchRule neverImports(String packageIdentifier, String... forbidden) {
    return noClasses().that().resideInAPackage(packageIdentifier)
        .should().dependOnClassesThat().resideInAnyPackage(forbidden);
  }

  /** No class outside {@code root.app} and {@code root.config} depends on either: the boot wires, nothing wires back. */
  static ArchRule capabilitiesIgnoreTheBoot(String root) {
    return noClasses().that().resideOutsideOfPackages(root + ".app..", root + ".config..")
        .and().resideInAPackage(root + "..")
        .should().dependOnClassesThat().resideInAnyPackage(root + ".app..", root + ".config..")
        .because("capabilities read their own options objects (package options is the neutral ground); "
            + "only app assembles them and only config merges the sources, so a capability never reaches back");
  }

  private static DescribedPredicate<JavaClass> handlerOrRoutesIn(String packageName) {
    return DescribedPredicate.describe("are handlers or routes of " + packageName,
        c -> (c.getPackageName().equals(packageName) || c.getPackageName().startsWith(packageName + "."))
            && (topLevelName(c).endsWith("Handler") || topLevelName(c).endsWith("Routes")));
  }

  private static String topLevelName(JavaClass c) {
    String binary = c.getName().substring(c.getPackageName().isEmpty() ? 0 : c.getPackageName().length() + 1);
    int nested = binary.indexOf('$');
    return nested < 0 ? binary : binary.substring(0, nested);
  }
}
