package dev.vacme.server.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class MigrationTest {

    static Stream<Arguments> scripts() {
        return Stream.of(
                Arguments.of("CREATE TABLE a (x TEXT);\n", List.of("CREATE TABLE a (x TEXT)")),
                Arguments.of("-- a comment\nCREATE TABLE a (\n    x TEXT -- trailing\n);\n\n  -- indented comment\nCREATE INDEX i ON a (x);",
                        List.of("CREATE TABLE a (\n    x TEXT -- trailing\n)", "CREATE INDEX i ON a (x)")),
                Arguments.of("INSERT INTO a VALUES ('x;y');\r\n", List.of("INSERT INTO a VALUES ('x;y')")),
                Arguments.of("-- only comments\n\n", List.of()));
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void splitsScriptsAtSemicolonsEndingALine(String script, List<String> statements) {
        assertThat(Migration.split(script)).containsExactlyElementsOf(statements);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void loadsEveryMigrationForEachDialect(Dialect dialect) {
        List<Migration> migrations = Migration.load(dialect);

        assertThat(migrations).extracting(Migration::version).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(migrations.get(0).description()).isEqualTo("schema");
        assertThat(migrations.get(0).statements()).hasSize(15)
                .allSatisfy(statement -> assertThat(statement).matches("(?s)CREATE (TABLE|INDEX) .*").doesNotEndWith(";"));
        assertThat(migrations.get(1).description()).isEqualTo("processing since");
        assertThat(migrations.get(1).statements()).hasSize(3)
                .allSatisfy(statement -> assertThat(statement).matches("(?s)(ALTER TABLE|CREATE INDEX) .*"));
        assertThat(migrations.get(2).description()).isEqualTo("external account keys");
        assertThat(migrations.get(2).statements()).hasSize(2);
        assertThat(migrations.get(3).description()).isEqualTo("rate limit events");
        assertThat(migrations.get(3).statements()).hasSize(2)
                .allSatisfy(statement -> assertThat(statement).matches("(?s)CREATE (TABLE|INDEX) .*"));
        assertThat(migrations.get(4).description()).isEqualTo("revocation publishing");
        assertThat(migrations.get(4).statements()).hasSize(4)
                .allSatisfy(statement -> assertThat(statement).matches("(?s)(ALTER TABLE|CREATE (TABLE|INDEX)) .*"));
        assertThat(migrations.get(5).description()).isEqualTo("certificates by account");
        assertThat(migrations.get(5).statements()).containsExactly(
                "CREATE INDEX certificates_by_account ON certificates (account_id, not_after)");
    }

    @ParameterizedTest
    @MethodSource("unterminated")
    void refusesAScriptEndingWithoutASemicolon(String script) {
        assertThatThrownBy(() -> Migration.split(script)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("migration script ends without a semicolon");
    }

    static Stream<String> unterminated() {
        return Stream.of("CREATE TABLE a (x TEXT)", "CREATE TABLE a (x TEXT);\nCREATE INDEX i ON a (x)\n-- done\n");
    }
}
