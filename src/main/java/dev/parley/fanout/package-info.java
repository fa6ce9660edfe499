/**
 * Fan-out between server processes: a {@link dev.parley.fanout.Broker} moves opaque bytes on named topics
 * and knows nothing of chat, in process for a single node (zero-config mode) or through Redis pub/sub for
 * several; the {@link dev.parley.fanout.PresenceStore} keeps which nodes hold a user, with expiring claims.
 */
@ApplicationModule(allowedDependencies = "shared")
package dev.parley.fanout;

import org.springframework.modulith.ApplicationModule;
