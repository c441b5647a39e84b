package wslab.reference.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Fuzz inputs: frames to start from, and the mutations that bend them. */
public final class Inputs {

    /** Bytes that sit on boundaries of lengths, opcodes and encodings. */
    private static final byte[] INTERESTING = {0x00, 0x01, 0x7D, 0x7E, 0x7F, (byte) 0x80, (byte) 0x81, (byte) 0x88, (byte) 0xC0,
            (byte) 0xED, (byte) 0xF4, (byte) 0xFE, (byte) 0xFF, '\r', '\n', ':', '"', '\\', '{', '[', ',', ' '};
    private static final int MAX_INPUT = 20_000;

    private Inputs() {
    }

    /** A masked client frame: {@code b0} (FIN, RSV, opcode) and the payload, with the shortest length encoding. */
    static byte[] frame(int b0, boolean masked, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b0);
        int mask = masked ? 0x80 : 0;
        int len = payload.length;
        if (len < 126) {
            out.write(mask | len);
        } else if (len <= 0xFFFF) {
            out.write(mask | 126);
            out.write(len >>> 8);
            out.write(len);
        } else {
            out.write(mask | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) len >>> shift));
            }
        }
        byte[] key = {0x37, (byte) 0xFA, 0x21, 0x3D};
        if (masked) {
            out.writeBytes(key);
        }
        for (int i = 0; i < len; i++) {
            out.write(masked ? payload[i] ^ key[i & 3] : payload[i]);
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /**
     * One input: now and then plain random bytes, mostly a seed bent by one to eight mutations
     * (bits flipped, bytes set to boundary values, runs inserted, deleted or repeated, two seeds
     * spliced, the end cut off).
     */
    public static byte[] next(List<byte[]> seeds, Random random) {
        if (random.nextInt(10) == 0) {
            byte[] noise = new byte[random.nextInt(random.nextBoolean() ? 64 : MAX_INPUT)];
            random.nextBytes(noise);
            return noise;
        }
        byte[] input = seeds.get(random.nextInt(seeds.size())).clone();
        int mutations = 1 + random.nextInt(8);
        for (int i = 0; i < mutations; i++) {
            input = mutate(input, seeds, random);
        }
        return input.length > MAX_INPUT ? Arrays.copyOf(input, MAX_INPUT) : input;
    }

    private static byte[] mutate(byte[] in, List<byte[]> seeds, Random random) {
        if (in.length == 0) {
            byte[] one = new byte[1 + random.nextInt(8)];
            random.nextBytes(one);
            return one;
        }
        int at = random.nextInt(in.length);
        switch (random.nextInt(8)) {
            case 0 -> in[at] ^= (byte) (1 << random.nextInt(8));
            case 1 -> in[at] = INTERESTING[random.nextInt(INTERESTING.length)];
            case 2 -> in[at] = (byte) random.nextInt(256);
            case 3 -> {
                byte[] run = new byte[1 + random.nextInt(16)];
                random.nextBytes(run);
                return splice(in, at, 0, run);
            }
            case 4 -> {
                return splice(in, at, Math.min(in.length - at, 1 + random.nextInt(16)), new byte[0]);
            }
            case 5 -> {
                int len = Math.min(in.length - at, 1 + random.nextInt(64));
                byte[] copy = Arrays.copyOfRange(in, at, at + len);
                return splice(in, at, 0, random.nextBoolean() ? copy : concat(copy, copy));
            }
            case 6 -> {
                byte[] other = seeds.get(random.nextInt(seeds.size()));
                return concat(Arrays.copyOf(in, at), Arrays.copyOfRange(other, random.nextInt(other.length), other.length));
            }
            default -> {
                return Arrays.copyOf(in, at);
            }
        }
        return in;
    }

    private static byte[] splice(byte[] in, int at, int remove, byte[] insert) {
        byte[] out = new byte[in.length - remove + insert.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(in, at + remove, out, at + insert.length, in.length - at - remove);
        return out;
    }
}
