package wslab.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The lessons' messages are read as JSON values and built by Jackson, whatever the sender's habits. */
class JsonMessagesTest {

    @Test
    void aHeartbeatIsRecognisedWithAnySpacingKeyOrderOrExtraMembers() {
        assertThat(HeartbeatContract.isAppHeartbeat("{\"type\":\"heartbeat\"}")).isTrue();
        assertThat(HeartbeatContract.isAppHeartbeat("{ \"type\" : \"heartbeat\" }")).isTrue();
        assertThat(HeartbeatContract.isAppHeartbeat("{\"n\": 7, \"type\": \"heartbeat\"}")).isTrue();
        assertThat(HeartbeatContract.isAppHeartbeatAck("{\"ts\":1,\"type\":\"heartbeat-ack\"}")).isTrue();
    }

    @Test
    void somethingElseIsNotAHeartbeat() {
        assertThat(HeartbeatContract.isAppHeartbeat("heartbeat")).isFalse();
        assertThat(HeartbeatContract.isAppHeartbeat("{\"type\":\"heartbeat-ack\"}")).isFalse();
        assertThat(HeartbeatContract.isAppHeartbeat("{\"type\":[\"heartbeat\"]}")).isFalse();
        assertThat(HeartbeatContract.isAppHeartbeat("[\"heartbeat\"]")).isFalse();
        assertThat(HeartbeatContract.isAppHeartbeat("{\"type\":\"heartbeat\"")).isFalse();
        assertThat(HeartbeatContract.isAppHeartbeatAck("{\"Type\":\"heartbeat-ack\"}")).isFalse();
    }

    @Test
    void aTopicWithQuotesAndBackslashesSurvivesTheRoundTrip() {
        String topic = "say \"hi\" \\ to 世界";
        String message = ClientContract.subscribeMessage(topic);
        assertThat(message).startsWith("{").endsWith("}");
        assertThat(ClientContract.subscribedTopic(message)).hasValue(topic);
    }

    @Test
    void aSubscribeIsReadAsAJsonValue() {
        assertThat(ClientContract.subscribedTopic("{ \"topic\" : \"news\", \"type\" : \"subscribe\" }")).hasValue("news");
        assertThat(ClientContract.subscribedTopic("{\"type\":\"subscribe\",\"topic\":\"news\",\"id\":3}")).hasValue("news");
        assertThat(ClientContract.subscribedTopic("{\"type\":\"subscribe\"}")).isEmpty();
        assertThat(ClientContract.subscribedTopic("{\"type\":\"subscribe\",\"topic\":7}")).isEmpty();
        assertThat(ClientContract.subscribedTopic("{\"type\":\"unsubscribe\",\"topic\":\"news\"}")).isEmpty();
    }
}
