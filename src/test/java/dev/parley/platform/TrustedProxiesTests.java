package dev.parley.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** Whose forwarded headers Parley believes with {@code server.forward-headers-strategy=native}. */
class TrustedProxiesTests {

    @Test
    void loopbackPrivateSharedAndLinkLocalAddressesAreTrusted() throws UnknownHostException {
        for (String address : new String[] {
            "127.0.0.1",
            "::1",
            "10.1.2.3",
            "172.16.0.9",
            "172.31.255.1",
            "192.168.1.1",
            "100.64.0.1",
            "100.127.255.254",
            "169.254.1.1",
            "fe80::1",
            "fd12:3456::1"
        }) {
            assertThat(WebServerConfiguration.FromTrustedProxies.trusted(InetAddress.getByName(address)))
                    .as(address)
                    .isTrue();
        }
    }

    @Test
    void publicAddressesAreNot() throws UnknownHostException {
        for (String address : new String[] {
            "8.8.8.8", "172.32.0.1", "100.128.0.1", "100.63.255.255", "11.0.0.1", "2001:db8::1", "2a00:1450::1"
        }) {
            assertThat(WebServerConfiguration.FromTrustedProxies.trusted(InetAddress.getByName(address)))
                    .as(address)
                    .isFalse();
        }
    }
}
