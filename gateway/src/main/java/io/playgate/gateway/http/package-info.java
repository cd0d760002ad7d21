/**
 * HTTP platform: the router under construction that each capability mounts its routes on
 * ({@link io.playgate.gateway.http.Routes}: declared paths, body-reading routes, 405s), the server's options and
 * limits ({@link io.playgate.gateway.http.ServerOptions}, {@link io.playgate.gateway.http.LimitsOptions}), platform
 * handlers (request id, access log, body limits, request framing, security headers), and the one problem handler
 * that writes every error body as RFC 9457 {@code application/problem+json}
 * ({@link io.playgate.gateway.http.ProblemHandler}).
 */
@NullMarked
package io.playgate.gateway.http;

import org.jspecify.annotations.NullMarked;
