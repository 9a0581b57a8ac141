package io.scv.serve;

/**
 * Text (0) or binary (1), for the parameters or result columns of a Bind: no code means all text, one code is for
 * all, else there is one per parameter or column.
 */
final class FormatCodes {
    static final short[] ALL_TEXT = new short[0];

    private FormatCodes() {
    }

    /** A count, then that many codes; a code other than 0 and 1 is a protocol violation. */
    static short[] read(FrontendMessage message) {
        short[] codes = new short[message.int16()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = message.int16();
            if (codes[i] != 0 && codes[i] != 1) {
                throw new SqlStateException(SqlStateException.PROTOCOL_VIOLATION, "unsupported format code: "
                        + codes[i]);
            }
        }
        return codes;
    }

    static boolean binary(short[] codes, int i) {
        return (codes.length == 0 ? 0 : codes.length == 1 ? codes[0] : codes[i]) == 1;
    }
}
