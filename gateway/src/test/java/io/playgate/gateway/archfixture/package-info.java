/**
 * Deliberately violating classes for {@code ArchitectureRulesBiteTest}: each subpackage plays the capability of the
 * same name and breaks one rule of {@code CapabilityRules} on purpose. Not production code; never imported by it.
 */
package io.playgate.gateway.archfixture;
