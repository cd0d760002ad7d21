/**
 * HTTP assembly: the router built in one readable method ({@link io.playgate.gateway.http.Routes}), platform
 * handlers (request id, security headers), and the one problem handler that writes every error body as RFC 9457
 * {@code application/problem+json} ({@link io.playgate.gateway.http.ProblemHandler}).
 */
package io.playgate.gateway.http;
