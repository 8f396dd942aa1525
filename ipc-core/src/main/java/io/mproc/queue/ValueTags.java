package io.mproc.queue;

/**
 * Layout of a {@link ObjectCodec#VALUE} message: a tree of tagged values, written by {@link ValueWriter} and read
 * by {@link ValueReader}. Every value starts with a one-byte tag; fixed-width numbers are in native byte order (both
 * ends are on one machine); lengths, counts and class indexes are unsigned varints (LEB128: 7 bits a byte, low bits
 * first, high bit set on all but the last; at most 5 bytes); strings are a varint byte length then UTF-8.
 * <pre>
 *  tag (1) | body
 *  --------+---------------------------------------------------------------------------------------------
 *  NULL, TRUE, FALSE          no body
 *  BYTE, SHORT, CHAR,         the primitive, 1, 2, 2, 8, 4, 8 bytes
 *  LONG, FLOAT, DOUBLE
 *  INT                        zig-zag varint ((v << 1) ^ (v >> 31)): 1 byte for -64..63, at most 5
 *  STRING, BYTES              length (varint), bytes
 *  BIG_INTEGER                length (varint), two's-complement bytes (BigInteger.toByteArray)
 *  BIG_DECIMAL                scale (4), then a BIG_INTEGER body (the unscaled value)
 *  UUID                       most significant (8), least significant (8)
 *  INSTANT, DURATION          seconds (8), nanos (4)
 *  LOCAL_DATE                 epoch day (8)
 *  LOCAL_TIME                 nano of day (8)
 *  LOCAL_DATE_TIME            epoch day (8), nano of day (8)
 *  OFFSET_DATE_TIME           epoch day (8), nano of day (8), offset seconds (4)
 *  ZONED_DATE_TIME            epoch day (8), nano of day (8), offset seconds (4), zone id as a STRING body
 *  ZONE_ID                    zone id as a STRING body (a ZoneOffset's id reads back as that ZoneOffset)
 *  PERIOD                     years (4), months (4), days (4)
 *  YEAR_MONTH                 year (4), month (4)
 *  ENUM                       CLASS, constant name as a STRING body
 *  RECORD                     CLASS, component count (varint), each component as a value, in declaration order
 *  HANDLE                     4 values: SharedObjectRef type name, namespace folder, name, qualifier (or NULL)
 *  ARRAY_LIST .. ARRAY_DEQUE  count (varint), each element as a value
 *  TREE_SET                   comparator as a value (NULL for natural order), count (varint), elements
 *  HASH_MAP .. IMMUTABLE_MAP  count (varint), then key, value, key, value ...
 *  TREE_MAP                   comparator as a value (NULL for natural order), count (varint), keys and values
 *  OBJECT_ARRAY               CLASS of the component type, count (varint), each element as a value
 *  INT_ARRAY .. BOOLEAN_ARRAY count (varint), the elements as primitives
 *  SERIALIZED                 length (varint), Java serialisation of an allow-listed user object
 *
 *  CLASS: index (varint) into this message's class table; when the index equals the table's size the class is
 *  new and its name follows as a STRING body, so each class name is written once per message.
 * </pre>
 * The reader instantiates only the JDK types above, enums (by {@code Enum.valueOf}), records (by their canonical
 * constructor, with components read under the same rules) and, for SERIALIZED, classes its allow-list names.
 */
final class ValueTags
{
    /** Version of this layout; change it, and the tags, only together with {@link ObjectCodec#VALUE}. */
    static final int LAYOUT_VERSION = 1;

    static final byte NULL = 0;
    static final byte TRUE = 1;
    static final byte FALSE = 2;
    static final byte BYTE = 3;
    static final byte SHORT = 4;
    static final byte CHAR = 5;
    static final byte INT = 6;
    static final byte LONG = 7;
    static final byte FLOAT = 8;
    static final byte DOUBLE = 9;
    static final byte STRING = 10;
    static final byte BYTES = 11;
    static final byte BIG_INTEGER = 12;
    static final byte BIG_DECIMAL = 13;
    static final byte UUID = 14;

    static final byte INSTANT = 20;
    static final byte DURATION = 21;
    static final byte LOCAL_DATE = 22;
    static final byte LOCAL_TIME = 23;
    static final byte LOCAL_DATE_TIME = 24;
    static final byte OFFSET_DATE_TIME = 25;
    static final byte ZONED_DATE_TIME = 26;
    static final byte ZONE_ID = 27;
    static final byte PERIOD = 28;
    static final byte YEAR_MONTH = 29;

    static final byte ENUM = 40;
    static final byte RECORD = 41;
    static final byte HANDLE = 42;

    static final byte ARRAY_LIST = 50;
    static final byte LINKED_LIST = 51;
    static final byte IMMUTABLE_LIST = 52;
    static final byte ARRAY_DEQUE = 53;
    static final byte HASH_SET = 54;
    static final byte LINKED_HASH_SET = 55;
    static final byte IMMUTABLE_SET = 56;
    static final byte TREE_SET = 57;
    static final byte HASH_MAP = 60;
    static final byte LINKED_HASH_MAP = 61;
    static final byte IMMUTABLE_MAP = 62;
    static final byte TREE_MAP = 63;

    static final byte OBJECT_ARRAY = 70;
    static final byte INT_ARRAY = 71;
    static final byte LONG_ARRAY = 72;
    static final byte DOUBLE_ARRAY = 73;
    static final byte FLOAT_ARRAY = 74;
    static final byte SHORT_ARRAY = 75;
    static final byte CHAR_ARRAY = 76;
    static final byte BOOLEAN_ARRAY = 77;

    static final byte SERIALIZED = 90;

    /** Not a tag: the class is a user class, sent only by Java serialisation when allowed. */
    static final byte USER = -1;

    /** Deepest nesting written or read: deeper is almost surely a cycle, and would overflow the stack. */
    static final int MAX_DEPTH = 512;

    private ValueTags()
    {
    }
}
