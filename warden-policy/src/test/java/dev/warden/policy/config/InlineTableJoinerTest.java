package dev.warden.policy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

class InlineTableJoinerTest {
    @Test
    void validTomlIsLeftAlone() {
        String toml = "a = 1 # note { not a table\n[t]\nb = \"{ \\\" }\"\nc = '''\n{\n'''\nd = [\n 1, # c\n 2]\ne = { x = [1,\n 2] }\n";
        assertThat(InlineTableJoiner.rewrite(toml).text().replace(" ", "")).isEqualTo(toml.replace(" ", "")
                .replace("e={x=[1,\n2]}\n", "e={x=[1,2]}\n\n"));
    }

    @Test
    void newlinesAndCommentsInsideInlineTablesAreJoinedKeepingLaterLineNumbers() {
        String toml = "p = { g = { # flags\n  a = true,\n  b = \"}\\n{\" # tricky\n} }\nafter = 1\n";
        InlineTableJoiner joined = InlineTableJoiner.rewrite(toml);
        TomlParseResult parsed = Toml.parse(joined.text());
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.getBoolean("p.g.a")).isTrue();
        assertThat(parsed.getString("p.g.b")).isEqualTo("}\n{");
        var at = parsed.inputPositionOf(List.of("after"));
        assertThat(joined.originalLine(at.line(), at.column())).isEqualTo(5);
        assertThat(at.line()).isEqualTo(5);
    }

    @Test
    void positionsInsideTheJoinedLineMapBackToTheSource() {
        String toml = "x = { a = 1,\n      bb = 2 }\n";
        InlineTableJoiner joined = InlineTableJoiner.rewrite(toml);
        int column = joined.text().indexOf("bb") + 1;
        assertThat(joined.originalLine(1, column)).isEqualTo(2);
        assertThat(joined.originalColumn(1, column)).isEqualTo(7);
    }

    @Test
    void crlfFilesWork() {
        TomlParseResult parsed = Toml.parse(InlineTableJoiner.rewrite("a = {\r\n b = 1\r\n}\r\nc = 2\r\n").text());
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.getLong("a.b")).isEqualTo(1);
        assertThat(parsed.getLong("c")).isEqualTo(2);
    }
}
