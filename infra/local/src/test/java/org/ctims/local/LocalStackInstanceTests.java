package org.ctims.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalStackInstanceTests {

    private final StackConfig config = StackConfig.fromEnvironment(Path.of("/repo"), Map.of());

    @Test
    void anotherInstanceIsAPartOfItsOwnNameAndPortRunningTheModulesJar() {
        ServicePart second = new ServicePart(config, "report-service", "report-service-2", 10085);

        assertThat(second.name()).isEqualTo("report-service-2");
        assertThat(second.portsNeeded()).containsExactly(10085);
        assertThat(new ServicePart(config, "report-service", 10084).name()).isEqualTo("report-service");
    }

    @Test
    void anotherInstanceOfAModuleThatIsNotRunningIsRefusedBeforeAnythingStarts() {
        LocalStack stack = new LocalStack(config);

        assertThatThrownBy(() -> stack.startInstance("report-service", "report-service-2", 10085))
                .isInstanceOf(StackException.class).hasMessageContaining("another instance of report-service: it was not started");
        assertThat(stack.processes()).isEmpty();
    }
}
