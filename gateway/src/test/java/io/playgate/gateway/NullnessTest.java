package io.playgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

/**
 * Every package of main sources in every module (units, embed-widgets, hub-local, hub-simulator, gateway; all on
 * this module's test class path) is JSpecify {@link NullMarked}: a type without {@code @Nullable} is non-null, so a
 * new package without its {@code package-info.java} annotation fails here.
 */
class NullnessTest {

  private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.playgate");

  @Test
  void everyMainPackageIsNullMarked() {
    Set<String> packages = MAIN_CLASSES.stream().map(JavaClass::getPackageName)
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(packages).as("packages of the five modules")
        .contains("io.playgate.units", "io.playgate.widgets", "io.playgate.hub.local", "io.playgate.hub.simulator",
            "io.playgate.gateway.cache", "io.playgate.gateway.hub");

    assertThat(packages.stream().filter(name -> !MAIN_CLASSES.getPackage(name).isAnnotatedWith(NullMarked.class)))
        .as("packages without @NullMarked in their package-info.java")
        .isEmpty();
  }
}
