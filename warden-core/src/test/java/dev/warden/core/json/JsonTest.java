package dev.warden.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTest {

    @Test
    void writesMapsListsAndEscapes() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("decision", "deny");
        value.put("n", 3);
        value.put("ok", true);
        value.put("none", Optional.empty());
        value.put("list", List.of("a\"b", "c\\d", "line\nbreak", "\u0001"));
        assertThat(Json.write(value)).isEqualTo(
                "{\"decision\":\"deny\",\"n\":3,\"ok\":true,\"none\":null,\"list\":[\"a\\\"b\",\"c\\\\d\",\"line\\nbreak\",\"\\u0001\"]}");
    }

    @Test
    void prettyOutputParsesBackToTheSameValue() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("a", List.of(1L, 2L, Map.of("b", "c")));
        value.put("empty", List.of());
        assertThat(Json.parse(Json.pretty(value))).isEqualTo(value);
    }

    @Test
    void roundTripsRandomStrings() {
        Random random = new Random(42);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(20);
            for (int j = 0; j < length; j++) {
                s.append((char) random.nextInt(0x3000));
            }
            assertThat(Json.parse(Json.write(s.toString()))).isEqualTo(s.toString());
        }
    }

    @Test
    void readsNumbers() {
        assertThat(Json.parse("-12")).isEqualTo(-12L);
        assertThat(Json.parse("1.5e3")).isEqualTo(new BigDecimal("1.5e3"));
        assertThat(Json.parse("123456789012345678901234")).isEqualTo(new BigDecimal("123456789012345678901234"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"a\":1,}|expected a string key at line 1, column 8",
        "{\"a\":1 \"b\":2}|expected ',' or '}' at line 1, column 8",
        "[1,2|expected ',' or ']' at line 1, column 5",
        "\"abc|unterminated string at line 1, column 5",
        "{\"a\":1,\"a\":2}|duplicate key \"a\" at line 1, column 8",
        "01|unexpected text after the JSON value at line 1, column 2",
        "tru|unexpected token at line 1, column 1",
        "{}x|unexpected text after the JSON value at line 1, column 3",
        "\"\\q\"|unknown escape '\\q' at line 1, column 3",
    })
    void rejectsMalformedInputWithPosition(String input, String message) {
        assertThatThrownBy(() -> Json.parse(input)).isInstanceOf(JsonException.class).hasMessage(message);
    }

    @Test
    void rejectsHostileNesting() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        assertThatThrownBy(() -> Json.parse(deep)).isInstanceOf(JsonException.class).hasMessageContaining("nesting deeper");
    }

    @Test
    void reportsLineAndColumnOnLaterLines() {
        assertThatThrownBy(() -> Json.parse("{\n  \"a\": tru\n}"))
                .isInstanceOf(JsonException.class).hasMessage("unexpected token at line 2, column 8");
    }
}
