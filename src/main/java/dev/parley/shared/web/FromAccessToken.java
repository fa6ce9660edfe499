package dev.parley.shared.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a type that handler methods take as a parameter resolved from the caller's access token, not from the
 * request: the OpenAPI document leaves such parameters out, and lists 401 {@code unauthenticated} and {@code
 * invalid_token} among the operation's answers.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface FromAccessToken {}
