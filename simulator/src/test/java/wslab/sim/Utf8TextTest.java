package wslab.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static wslab.sim.ServerFrames.hex;
import static wslab.sim.ServerFrames.utf8;

import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 6455 §8.1 (via RFC 3629) in {@link Utf8Text}: valid text at every split point, and each kind of invalid byte run. */
class Utf8TextTest {

    private static final String EVERY_LENGTH = "a\u007F\u0080\u07FF\u0800€\uFFFF" + new String(Character.toChars(0x10000))
            + new String(Character.toChars(0x10FFFF));

    @Test
    void validTextIsDecodedWhereverTheFragmentsSplitIt() {
        byte[] whole = utf8(EVERY_LENGTH);
        IntStream.rangeClosed(0, whole.length).forEach(cut -> {
            Utf8Text t = new Utf8Text();
            assertThat(t.append(Arrays.copyOf(whole, cut))).isTrue();
            assertThat(t.append(Arrays.copyOfRange(whole, cut, whole.length))).isTrue();
            assertThat(t.finish()).as("split at byte " + cut).hasValue(EVERY_LENGTH);
        });
    }

    static Stream<byte[]> invalid() {
        return Stream.of(hex("80"), hex("C0 AF"), hex("C1 BF"), hex("ED A0 80"), hex("F4 90 80 80"),
                hex("FE"), hex("FF"), hex("F5 80 80 80"), hex("C3 28"), hex("E0 80 AF"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalidBytesAreRefusedWholeAndByteByByte(byte[] invalid) {
        assertThat(Utf8Text.decode(invalid)).isEmpty();
        Utf8Text t = new Utf8Text();
        boolean ok = t.append(utf8("ok "));
        for (byte b : invalid) {
            ok &= t.append(new byte[] {b});
        }
        assertThat(ok && t.finish().isPresent()).isFalse();
    }

    @Test
    void textCutInsideACharacterIsInvalidOnlyAtTheEnd() {
        Utf8Text t = new Utf8Text();
        assertThat(t.append(hex("61 E2 82"))).isTrue();
        assertThat(t.finish()).isEmpty();
        assertThat(Utf8Text.decode(hex("61 E2 82 AC"))).hasValue("a€");
    }
}
