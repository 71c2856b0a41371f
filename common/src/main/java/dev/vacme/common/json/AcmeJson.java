package dev.vacme.common.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The one JSON codec for ACME objects: null fields are omitted, unknown fields are ignored
 * (RFC 8555 §7.1: clients and servers must ignore fields they do not understand), timestamps are
 * RFC 3339 strings, and scalars are not silently coerced ({@code "true"} is not a boolean).
 */
public final class AcmeJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(LogicalType.Textual, config -> config
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private AcmeJson() {
    }

    /** Serializes an object to compact JSON. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    /** Serializes an object to compact UTF-8 JSON bytes. */
    public static byte[] writeBytes(Object value) {
        return write(value).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads JSON into the given type.
     *
     * @throws AcmeJsonException when the input is not JSON or does not fit the type; the message
     *                           names the offending field
     */
    public static <T> T read(byte[] json, Class<T> type) {
        try {
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw new AcmeJsonException("expected a JSON object for " + type.getSimpleName() + ", got null", null);
            }
            return value;
        } catch (IOException e) {
            throw new AcmeJsonException(describe(e, type), e);
        }
    }

    /** Reads a JSON string into the given type; see {@link #read(byte[], Class)}. */
    public static <T> T read(String json, Class<T> type) {
        return read(json.getBytes(StandardCharsets.UTF_8), type);
    }

    /** Converts an already parsed tree into the given type; see {@link #read(byte[], Class)}. */
    public static <T> T convert(JsonNode tree, Class<T> type) {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (IOException e) {
            throw new AcmeJsonException(describe(e, type), e);
        }
    }

    /** Parses JSON into a tree. */
    public static JsonNode readTree(byte[] json) {
        try {
            JsonNode tree = MAPPER.readTree(json);
            if (tree == null || tree.isMissingNode()) {
                throw new AcmeJsonException("empty JSON document", null);
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new AcmeJsonException("not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new AcmeJsonException("not valid JSON: " + e.getMessage(), e);
        }
    }

    /** Returns a new, empty JSON object node. */
    public static ObjectNode objectNode() {
        return MAPPER.createObjectNode();
    }

    /** Converts any value (a record, a map) into a tree. */
    public static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /**
     * Describes what is wrong for the client: the field when Jackson knows it, the JSON syntax error
     * when the text is not JSON, and otherwise a generic sentence, never Java class or token names.
     */
    private static String describe(IOException e, Class<?> type) {
        String target = type.getSimpleName();
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                    .orElse("?");
            return "invalid " + target + ": field '" + field + "' has the wrong type or value";
        }
        if (e instanceof JsonParseException parse) {
            return "invalid " + target + ": not valid JSON (" + parse.getOriginalMessage().split("\n", 2)[0] + ")";
        }
        return "invalid " + target + ": the JSON does not have the shape of this object";
    }
}
