package wslab.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.Test;
import wslab.faults.embedded.EmbeddedToxiproxy;

class BackendSelectionTest {

    @Test
    void withoutDockerOrToxiproxyUrlTheEmbeddedServerIsChosen() {
        assumeFalse(FaultNetwork.dockerAnswers(), "Docker answers here; the Testcontainers backend would be chosen");
        try (Backend b = FaultNetwork.choose(null, null)) {
            assertThat(b.name()).isEqualTo("embedded");
            assertThat(b.describe()).contains("embedded").contains("http://127.0.0.1:");
        }
    }

    @Test
    void toxiproxyUrlSelectsTheExternalBackend() throws Exception {
        try (EmbeddedToxiproxy standIn = EmbeddedToxiproxy.start("127.0.0.1", 0);
             Backend b = FaultNetwork.choose(null, standIn.url())) {
            assertThat(b.name()).isEqualTo("external");
            assertThat(b.client().getProxies()).isEmpty();
        }
    }

    @Test
    void forcingABackendThatIsNotThereIsAClearError() {
        assumeFalse(FaultNetwork.dockerAnswers(), "Docker answers here");
        assertThatThrownBy(() -> FaultNetwork.choose("testcontainers", null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no Docker engine answers");
        assertThatThrownBy(() -> FaultNetwork.choose("external", null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("TOXIPROXY_URL is not set");
        assertThatThrownBy(() -> FaultNetwork.choose("carrier-pigeon", null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("choose embedded, external or testcontainers");
        assertThatThrownBy(() -> FaultNetwork.choose(null, "http://127.0.0.1:1"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no Toxiproxy answers");
    }

    @Test
    void forcingEmbeddedIgnoresToxiproxyUrl() {
        try (Backend b = FaultNetwork.choose("embedded", "http://127.0.0.1:1")) {
            assertThat(b.name()).isEqualTo("embedded");
        }
    }
}
