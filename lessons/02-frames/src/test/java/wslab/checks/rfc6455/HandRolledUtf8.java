package wslab.checks.rfc6455;

import java.util.EnumSet;
import java.util.Set;

/**
 * A UTF-8 validator as learners write it: a lead byte says how many continuation bytes follow,
 * and range rules keep out what the lead byte alone cannot (RFC 3629 §4). Built with every rule
 * it is correct; a mutant leaves one rule out, the mistake a hand-written validator makes.
 * It keeps its state between fragments, as a fail-fast check must.
 */
final class HandRolledUtf8 {

    /** The rules beyond "a lead byte and its continuations". */
    enum Rule {
        /** C0, C1, E0 80-9F, F0 80-8F: a code point in more bytes than it needs. */
        NO_OVERLONG_FORMS,
        /** ED A0-BF: U+D800 to U+DFFF, which are not characters. */
        NO_SURROGATES,
        /** F4 90-BF and F5-F7: above U+10FFFF. */
        NOTHING_ABOVE_U10FFFF
    }

    private final Set<Rule> rules;
    /** Continuation bytes still expected, and the range the next one must be in. */
    private int needed;
    private int low = 0x80;
    private int high = 0xBF;

    private HandRolledUtf8(Set<Rule> rules) {
        this.rules = rules;
    }

    /** Every rule but {@code forgotten}. */
    static HandRolledUtf8 without(Rule forgotten) {
        Set<Rule> rules = EnumSet.allOf(Rule.class);
        rules.remove(forgotten);
        return new HandRolledUtf8(rules);
    }

    /** @return false as soon as the bytes so far cannot be UTF-8 */
    boolean feed(byte[] bytes) {
        for (byte x : bytes) {
            int b = x & 0xFF;
            if (needed > 0) {
                if (b < low || b > high) {
                    return false;
                }
                needed--;
                low = 0x80;
                high = 0xBF;
            } else if (b >= 0x80 && !lead(b)) {
                return false;
            }
        }
        return true;
    }

    private boolean lead(int b) {
        boolean strictForms = rules.contains(Rule.NO_OVERLONG_FORMS);
        boolean strictRange = rules.contains(Rule.NOTHING_ABOVE_U10FFFF);
        if (b >= 0xC2 && b <= 0xDF || (b == 0xC0 || b == 0xC1) && !strictForms) {
            needed = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            needed = 2;
            low = b == 0xE0 && strictForms ? 0xA0 : 0x80;
            high = b == 0xED && rules.contains(Rule.NO_SURROGATES) ? 0x9F : 0xBF;
        } else if (b >= 0xF0 && b <= 0xF4 || b >= 0xF5 && b <= 0xF7 && !strictRange) {
            needed = 3;
            low = b == 0xF0 && strictForms ? 0x90 : 0x80;
            high = b == 0xF4 && strictRange ? 0x8F : 0xBF;
        } else {
            return false;
        }
        return true;
    }

    /** Whether a whole message of these bytes passes this validator. */
    boolean accepts(byte[] message) {
        return feed(message) & finish();
    }

        /** @return whether the message ended on a complete character; ready for the next message */
    boolean finish() {
        boolean complete = needed == 0;
        needed = 0;
        low = 0x80;
        high = 0xBF;
        return complete;
    }
}
