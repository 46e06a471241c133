package dev.warden.audit.otel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A protobuf wire-format reader, just enough to read OTLP requests in tests without generated classes:
 * a message is a map from field number to its values (varints and fixed ints as Long, length-delimited
 * fields as Protobuf messages on demand). Field numbers come from opentelemetry-proto.
 */
final class Protobuf {
    private final Map<Integer, List<Object>> fields = new LinkedHashMap<>();

    static Protobuf parse(byte[] bytes) {
        Protobuf message = new Protobuf();
        int[] pos = {0};
        while (pos[0] < bytes.length) {
            long tag = varint(bytes, pos);
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            Object value = switch (wire) {
                case 0 -> varint(bytes, pos);
                case 1 -> {
                    long v = 0;
                    for (int i = 7; i >= 0; i--) {
                        v = (v << 8) | (bytes[pos[0] + i] & 0xff);
                    }
                    pos[0] += 8;
                    yield v;
                }
                case 2 -> {
                    int length = (int) varint(bytes, pos);
                    byte[] sub = java.util.Arrays.copyOfRange(bytes, pos[0], pos[0] + length);
                    pos[0] += length;
                    yield sub;
                }
                case 5 -> {
                    long v = 0;
                    for (int i = 3; i >= 0; i--) {
                        v = (v << 8) | (bytes[pos[0] + i] & 0xff);
                    }
                    pos[0] += 4;
                    yield v;
                }
                default -> throw new IllegalArgumentException("wire type " + wire + " at " + pos[0]);
            };
            message.fields.computeIfAbsent(field, f -> new ArrayList<>()).add(value);
        }
        return message;
    }

    private static long varint(byte[] bytes, int[] pos) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = bytes[pos[0]++];
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
    }

    List<Protobuf> messages(int field) {
        return fields.getOrDefault(field, List.of()).stream().map(b -> parse((byte[]) b)).toList();
    }

    Protobuf message(int field) {
        List<Protobuf> all = messages(field);
        return all.isEmpty() ? new Protobuf() : all.getFirst();
    }

    String string(int field) {
        List<Object> v = fields.get(field);
        return v == null ? null : new String((byte[]) v.getFirst(), StandardCharsets.UTF_8);
    }

    String hex(int field) {
        List<Object> v = fields.get(field);
        return v == null ? "" : HexFormat.of().formatHex((byte[]) v.getFirst());
    }

    long number(int field) {
        List<Object> v = fields.get(field);
        return v == null ? 0 : (Long) v.getFirst();
    }

    boolean has(int field) {
        return fields.containsKey(field);
    }

    /** A list of OTLP KeyValue messages (key = 1, AnyValue = 2) as plain Java values. */
    static Map<String, Object> attributes(List<Protobuf> keyValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Protobuf kv : keyValues) {
            out.put(kv.string(1), anyValue(kv.message(2)));
        }
        return out;
    }

    /** OTLP AnyValue: string 1, bool 2, int 3, double 4, array 5 (ArrayValue.values = 1), kvlist 6. */
    static Object anyValue(Protobuf value) {
        if (value.has(1)) {
            return value.string(1);
        }
        if (value.has(2)) {
            return value.number(2) != 0;
        }
        if (value.has(3)) {
            return value.number(3);
        }
        if (value.has(5)) {
            return value.message(5).messages(1).stream().map(Protobuf::anyValue).toList();
        }
        return null;
    }
}
