package wslab.lessons.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import wslab.api.ChatContract;
import wslab.api.ClientContract;

/** The README's numbers are the contract's: the replay window and the clients' backoff while the server is down. */
class RecoveryReadmeTest {

    @Test
    void theReadmeGivesTheContractsNumbers() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme).contains("the last " + ChatContract.HISTORY_PER_ROOM + " messages per room");
        assertThat(readme).contains("min(" + ClientContract.BACKOFF_CAP.toMillis() + ", " + ClientContract.BACKOFF_BASE.toMillis()
                + "·2^(n-1))");
        assertThat(readme).contains("base " + ClientContract.BACKOFF_BASE.toMillis() + " ms, cap " + ClientContract.BACKOFF_CAP.toMillis() + " ms");
    }
}
