package dev.vacme.server.ra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Public Suffix List's matching rules, on a list of a few rules of each kind and on Debian's file. */
class PublicSuffixesTest {

    private static final PublicSuffixes LIST = PublicSuffixes.parse(List.of(
            "// ===BEGIN ICANN DOMAINS===", "com", "uk", "co.uk", "jp", "*.kawasaki.jp", "!city.kawasaki.jp",
            "公司.cn  trailing text is ignored", "", "  // indented comment", "*.ck", "!www.ck",
            "// ===BEGIN PRIVATE DOMAINS===", "io", "github.io"));

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "com                   | com                | true",
        "example.com           | com                | false",
        "co.uk                 | co.uk              | true",
        "www.example.co.uk     | co.uk              | false",
        "github.io             | github.io          | true",
        "alice.github.io       | github.io          | false",
        "foo.kawasaki.jp       | foo.kawasaki.jp    | true",
        "a.foo.kawasaki.jp     | foo.kawasaki.jp    | false",
        "city.kawasaki.jp      | kawasaki.jp        | false",
        "www.ck                | ck                 | false",
        "other.ck              | other.ck           | true",
        "xn--55qx5d.cn         | xn--55qx5d.cn      | true",
        "shop.xn--55qx5d.cn    | xn--55qx5d.cn      | false",
        "corp                  | corp               | true",
        "host.corp             | corp               | false",
    })
    void findsThePublicSuffixByTheLongestRuleWithExceptionsBeatingWildcards(String name, String suffix,
            boolean isSuffix) {
        assertThat(LIST.publicSuffix(name)).isEqualTo(suffix);
        assertThat(LIST.isPublicSuffix(name)).isEqualTo(isSuffix);
    }

    @Test
    void readsDebiansFile() {
        PublicSuffixes debian = PublicSuffixes.load(PublicSuffixes.DEBIAN_LIST);

        assertThat(debian.size()).isGreaterThan(5_000);
        assertThat(debian.isPublicSuffix("co.uk")).isTrue();
        assertThat(debian.isPublicSuffix("github.io")).isTrue();
        assertThat(debian.registeredDomain("a.b.example.co.uk")).isEqualTo("example.co.uk");
        assertThat(debian.registeredDomain("www.example.com")).isEqualTo("example.com");
    }

    @Test
    void aMissingOrEmptyFileIsAClearError(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("missing.dat");
        Path empty = Files.writeString(dir.resolve("empty.dat"), "// nothing but comments\n");

        assertThatThrownBy(() -> PublicSuffixes.load(missing)).hasMessage(missing + " does not exist; install "
                + "Debian's publicsuffix package or point public-suffix-list at a copy of "
                + "https://publicsuffix.org/list/public_suffix_list.dat");
        assertThatThrownBy(() -> PublicSuffixes.load(empty)).hasMessage(empty + " holds no public suffix rules");
    }
}
