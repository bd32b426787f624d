package org.ctims.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StackConfigTests {

    private final StackConfig config = StackConfig.fromEnvironment(Path.of("/repo"), Map.of());

    @Test
    void everyModuleStartsUnlessTheStackIsNarrowed() {
        assertThat(config.starts("gateway")).isTrue();
        assertThat(config.starts("report-service")).isTrue();

        config.modules(Set.of("roster-service", "report-service"));

        assertThat(config.starts("roster-service")).isTrue();
        assertThat(config.starts("gateway")).isFalse();
        assertThat(config.starts("followup-service")).isFalse();
    }

    @Test
    void anUnknownModuleIsRefusedRatherThanSilentlyNotStarted() {
        assertThatThrownBy(() -> config.modules(Set.of("rooster-service")))
                .isInstanceOf(StackException.class).hasMessageContaining("rooster-service");
    }
}
