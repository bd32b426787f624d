package org.ctims.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class KafkaPartTests {

    @Test
    void clusterIdsAreSixteenBytesOfBase64urlAndNeverLookLikeAnOption() {
        for (int i = 0; i < 10_000; i++) {
            String id = KafkaPart.clusterId();
            assertThat(id).hasSize(22).doesNotStartWith("-");
            assertThat(Base64.getUrlDecoder().decode(id)).hasSize(16);
        }
    }
}
