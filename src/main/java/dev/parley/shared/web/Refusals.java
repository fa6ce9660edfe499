package dev.parley.shared.web;

import dev.parley.shared.ErrorCode;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The refusals a REST endpoint answers for its own reasons, listed with their statuses in the OpenAPI
 * document (SPEC "REST API": error codes for every refusal). The ones every endpoint of a kind shares
 * are added without being listed: {@code unauthenticated} and {@code invalid_token} (401) for a caller's
 * endpoint, {@code invalid_json}, {@code invalid_text}, {@code unsupported_media_type} and
 * {@code payload_too_large} for one that reads a JSON body, {@code invalid_request} and {@code invalid_text}
 * for one with query parameters, {@code invalid_id} (or {@code invalid_text}) and {@code invalid_request} for one with a path variable.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Refusals {

    ErrorCode[] value();
}
