package wslab.lessons.chatclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import wslab.api.ChatContract;
import wslab.api.ClientContract;

/** The README's rules give the contract's numbers: the resend timeout and lesson 04's backoff. */
class ChatClientReadmeTest {

    @Test
    void theRulesGiveTheContractsNumbers() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme).contains("`RESEND_AFTER` (" + ChatContract.RESEND_AFTER.toMillis() + " ms)");
        assertThat(readme).contains("base " + ClientContract.BACKOFF_BASE.toMillis() + " ms, cap " + ClientContract.BACKOFF_CAP.toMillis() + " ms");
    }
}
