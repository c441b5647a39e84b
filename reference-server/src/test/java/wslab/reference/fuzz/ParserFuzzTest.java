package wslab.reference.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The reference's three parsers under jqwik: for random bytes and for mutations of valid inputs,
 * each parser ends (no hang), accepts or throws only its declared refusal (no crash), and stays
 * within its allocation limit (a frame that announces 1 GiB costs what its bytes cost). A counted
 * run; {@code ./wslab fuzz --seconds S} runs the same inputs for longer.
 */
class ParserFuzzTest {

    private static final FuzzRunner RUNNER = new FuzzRunner(Fuzzer.HANG_AFTER);

    @AfterContainer
    static void stopTheRunner() {
        RUNNER.close();
    }

    /** Each parser's paths run once before allocations are judged (the JVM links some code on first use). */
    @net.jqwik.api.lifecycle.BeforeContainer
    static void warmUp() {
        ParserTarget.REFERENCE.forEach(t -> t.seeds().forEach(s -> RUNNER.run(t, s)));
    }

    @Property(tries = 3000, seed = "9")
    void theFrameReaderEndsWellOnAnyInput(@ForAll("frames") byte[] input) {
        requireFine(ParserTarget.named("frames").orElseThrow(), input);
    }

    @Property(tries = 3000, seed = "9")
    void theHandshakeParserEndsWellOnAnyInput(@ForAll("handshakes") byte[] input) {
        requireFine(ParserTarget.named("handshake").orElseThrow(), input);
    }

    @Property(tries = 3000, seed = "9")
    void theMessageParserEndsWellOnAnyInput(@ForAll("messages") byte[] input) {
        requireFine(ParserTarget.named("messages").orElseThrow(), input);
    }

    @Provide
    Arbitrary<byte[]> frames() {
        return inputs("frames");
    }

    @Provide
    Arbitrary<byte[]> handshakes() {
        return inputs("handshake");
    }

    @Provide
    Arbitrary<byte[]> messages() {
        return inputs("messages");
    }

    /** Plain random bytes (jqwik shrinks those) and the fuzzer's mutations of the parser's seeds. */
    private static Arbitrary<byte[]> inputs(String parser) {
        ParserTarget target = ParserTarget.named(parser).orElseThrow();
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(4096)),
                net.jqwik.api.Tuple.of(4, Arbitraries.randomValue(random -> Inputs.next(target.seeds(), random))));
    }

    private static void requireFine(ParserTarget target, byte[] input) {
        FuzzRunner.Result result = RUNNER.run(target, input);
        assertThat(result.fine()).as(target.name() + " on " + input.length + " bytes: " + result.kind() + " " + result.detail()).isTrue();
    }
}
