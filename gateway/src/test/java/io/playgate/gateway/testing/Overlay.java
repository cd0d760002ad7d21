package io.playgate.gateway.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Configuration keys one test adds to the gateway its {@link GatewayExtension} declares, as {@code --config} would
 * overlay them on the defaults: {@code @Overlay({"rights.countryHeader=CF-IPCountry", "rights.unknownCountry=allow"})}.
 * Each entry is {@code key=value}, split at the first {@code =} (a value may hold more). Only for a gateway started
 * per test (the extension on an instance field); on a per-class gateway the extension refuses it.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Overlay {

  /** @return {@code key=value} entries, key paths as in {@code conf/gateway.yaml} */
  String[] value();

  /** Reads the annotation of a test method. */
  final class Entries {

    private Entries() {
    }

    /**
     * @param method a test method
     * @return its overlay, key → value in the order written; empty without the annotation
     * @throws IllegalArgumentException for an entry without {@code =}
     */
    static Map<String, String> of(Method method) {
      Map<String, String> entries = new LinkedHashMap<>();
      Overlay overlay = method.getAnnotation(Overlay.class);
      if (overlay == null) {
        return entries;
      }
      for (String entry : overlay.value()) {
        int eq = entry.indexOf('=');
        if (eq < 1) {
          throw new IllegalArgumentException("@Overlay entry must be key=value: " + entry + " on " + method);
        }
        entries.put(entry.substring(0, eq), entry.substring(eq + 1));
      }
      return entries;
    }
  }
}
