package org.ctims.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClientAddressesTests {

    private final ClientAddresses addresses = new ClientAddresses(List.of("10.20.0.0/16", "127.0.0.1", "::1"));

    @Test
    void aCallerThatIsNoTrustedProxyIsTheClientWhateverHeaderItSends() {
        ClientAddress a = addresses.resolve("203.0.113.9", List.of("198.51.100.1"), List.of());
        assertThat(a).isEqualTo(new ClientAddress("203.0.113.9", "203.0.113.9", null));
    }

    @Test
    void behindATrustedProxyTheRightmostUntrustedHopIsTheClient() {
        // the browser wrote 1.2.3.4 itself; the ingress (10.20.0.5) appended the real peer 198.51.100.7
        ClientAddress a = addresses.resolve("10.20.3.4", List.of("1.2.3.4, 198.51.100.7, 10.20.0.5"), List.of());
        assertThat(a.client()).isEqualTo("198.51.100.7");
        assertThat(a.peer()).isEqualTo("10.20.3.4");
        assertThat(a.forwardedFor()).isEqualTo("1.2.3.4, 198.51.100.7, 10.20.0.5");
    }

    @Test
    void aTrustedProxyWithoutAHeaderIsTheClientAndEveryHopTrustedGivesTheLeftmost() {
        assertThat(addresses.resolve("127.0.0.1", List.of(), List.of()).client()).isEqualTo("127.0.0.1");
        assertThat(addresses.resolve("127.0.0.1", List.of("10.20.9.9", "10.20.0.1"), List.of()).client()).isEqualTo("10.20.9.9");
    }

    @Test
    void aHopThatIsNoAddressEndsTheWalkAtTheLastTrustedOne() {
        assertThat(addresses.resolve("10.20.3.4", List.of("198.51.100.7, unknown, 10.20.0.5"), List.of()).client())
                .isEqualTo("10.20.0.5");
        assertThat(addresses.resolve("10.20.3.4", List.of("evil.example.org"), List.of()).client()).isEqualTo("10.20.3.4");
    }

    @Test
    void theForwardedHeaderIsReadWhenThereIsNoXForwardedFor() {
        ClientAddress a = addresses.resolve("::1", List.of(),
                List.of("for=\"[2001:db8::17]:4711\";proto=https, for=198.51.100.3:8080"));
        assertThat(a.client()).isEqualTo("198.51.100.3");
        assertThat(addresses.resolve("::1", List.of(), List.of("for=\"[2001:db8::17]\", for=10.20.0.9")).client())
                .isEqualTo("2001:db8::17");
    }

    @Test
    void aBadTrustedProxyIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new ClientAddresses(List.of("gateway.internal"))).hasMessageContaining("gateway.internal");
        assertThatThrownBy(() -> new ClientAddresses(List.of("10.0.0.0/33"))).hasMessageContaining("prefix");
    }
}
