package dev.parley.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Requests from the server's own machine: over loopback and without forwarding headers, so never through a
 * proxy (which would connect over loopback on behalf of anyone). The local admin command's door, health
 * components and metrics trust such requests.
 */
public final class ThisMachine {

    private ThisMachine() {}

    /** Whether {@code request} came over loopback and no proxy forwarded it. */
    public static boolean sent(HttpServletRequest request) {
        if (request.getHeader("X-Forwarded-For") != null || request.getHeader("Forwarded") != null) {
            return false;
        }
        try {
            return InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
