package io.playgate.loadtests;

import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.http.HttpProtocolBuilder;

/** The HTTP protocol every simulation uses. */
final class Protocols {

  private Protocols() {
  }

  /**
   * The gateway at {@link Settings#baseUrl()}: connections shared by all virtual users and kept alive (as a CDN or a
   * reverse proxy in front of the gateway would), no HTTP cache on Gatling's side (every request reaches the
   * gateway and gets a full answer, never a 304), no warm-up request to anywhere. {@code Accept-Encoding} is the
   * {@code acceptEncoding} property, default {@code gzip} (what nearly every browser and crawler accepts);
   * {@code identity} asks for the bodies as they are.
   */
  static HttpProtocolBuilder gateway() {
    return http.baseUrl(Settings.baseUrl())
        .shareConnections()
        .disableCaching()
        .disableWarmUp()
        .acceptEncodingHeader(Settings.text("acceptEncoding", "gzip"))
        .userAgentHeader("playgate-load-tests (Gatling)");
  }
}
