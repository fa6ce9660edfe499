/**
 * What every module shares: the {@link dev.parley.shared.ErrorCode} catalogue used by REST problem
 * details and WebSocket error frames alike, the exception that carries one, and the web plumbing that
 * renders them (SPEC "REST API": errors are JSON with a stable machine code and a human sentence).
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package dev.parley.shared;

import org.springframework.modulith.ApplicationModule;
