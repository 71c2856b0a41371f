package dev.vacme.common.model;

/** Lookup shared by the status enums: wire value to constant, with a fallback for unknown values. */
final class WireValues {

    private WireValues() {
    }

    /**
     * Finds the constant whose wire name equals {@code value}.
     *
     * @return the matching constant, or {@code unknown} when none matches or the value is null
     */
    static <E extends Enum<E> & WireValue> E parse(E[] constants, String value, E unknown) {
        if (value != null) {
            for (E constant : constants) {
                if (constant != unknown && constant.wireName().equals(value)) {
                    return constant;
                }
            }
        }
        return unknown;
    }
}
