/**
 * Fan-out between server processes: a {@link dev.parley.fanout.Broker} moves opaque bytes on named
 * topics and knows nothing of chat. The in-process broker serves a single node (zero-config mode).
 */
@ApplicationModule(allowedDependencies = "shared")
package dev.parley.fanout;

import org.springframework.modulith.ApplicationModule;
