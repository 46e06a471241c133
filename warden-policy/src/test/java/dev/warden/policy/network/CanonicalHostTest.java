package dev.warden.policy.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Escape case 34: every spelling of a host reaches one canonical form, and what cannot be read is refused. */
class CanonicalHostTest {

    static Stream<Arguments> spellings() {
        return Stream.of(
                group("github.com", "GitHub.COM", "github.com.", "GITHUB.com.", "ｇｉｔｈｕｂ.com", "github\u3002com",
                        "ＧＩＴＨＵＢ．ＣＯＭ", "github\uff61com"),
                group("127.0.0.1", "2130706433", "0x7f000001", "0X7F000001", "0x7f.0.0.1", "0177.0.0.1", "0177.0.0.01",
                        "127.1", "127.0.1", "127.0.0.1.", "::ffff:127.0.0.1", "[::ffff:127.0.0.1]", "::ffff:7f00:1",
                        "0x7F.1", "017700000001", "[0:0:0:0:0:ffff:7f00:1]"),
                group("169.254.169.254", "0xa9fea9fe", "2852039166", "0251.0376.0251.0376", "169.254.43518",
                        "169.16689662", "::ffff:a9fe:a9fe"),
                group("10.0.0.1", "10.1", "012.0.0.1", "0xa.0.0.1", "167772161", "10.0.1"),
                group("0.0.0.0", "0", "0x0", "00.0.0.0", "0.0"),
                group("::1", "[::1]", "0:0:0:0:0:0:0:1", "::0001", "[0::1]", "0000:0000:0000:0000:0000:0000:0000:0001"),
                group("2001:db8::1", "2001:DB8:0:0:0:0:0:1", "[2001:0db8::0001]", "2001:db8:0::1"),
                group("2001:db8::1:0:0:1", "2001:db8:0:0:1:0:0:1"),
                group("2001:0:0:1::1", "2001:0:0:1:0:0:0:1"),
                group("fe80::", "FE80:0:0:0:0:0:0:0"),
                group("xn--bcher-kva.de", "bücher.de", "BÜCHER.de", "xn--bcher-kva.de", "XN--BCHER-KVA.DE."),
                group("fass.de", "faß.de", "FASS.de"),
                group("a_b.example", "A_B.example"),
                group("1e100.net", "1E100.NET."),
                group("123.example.com", "123.EXAMPLE.com"));
    }

    private static Arguments group(String canonical, String... spellings) {
        return Arguments.of(canonical, List.of(spellings));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("spellings")
    void everySpellingCanonicalisesToOneForm(String canonical, List<String> spellings) throws Exception {
        assertThat(CanonicalHost.parse(canonical).text()).isEqualTo(canonical);
        for (String spelling : spellings) {
            assertThat(CanonicalHost.parse(spelling).text()).as(spelling).isEqualTo(canonical);
        }
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("", "empty"),
                Arguments.of("exa\u0000mple.com", "NUL"),
                Arguments.of("example.com\u0000.evil.com", "NUL"),
                Arguments.of("exa\nmple.com", "control character U+000A"),
                Arguments.of("example.com\r\nX-Injected: 1", "control character U+000D"),
                Arguments.of("example.com\u007f", "control character U+007F"),
                Arguments.of("\u0085example.com", "control character U+0085"),
                Arguments.of("\u001bexample.com", "control character U+001B"),
                Arguments.of("ex ample.com", "white space"),
                Arguments.of("example.com\u00a0", "white space"),
                Arguments.of("example\u2003.com", "white space"),
                Arguments.of("a..b", "empty label"),
                Arguments.of(".example.com", "empty label"),
                Arguments.of("example.com..", "empty label"),
                Arguments.of(".", "empty host"),
                Arguments.of("x".repeat(64) + ".com", "longer than 63"),
                Arguments.of(("a".repeat(63) + ".").repeat(4) + "com", "longer than 253"),
                Arguments.of("x".repeat(2000), "longer than 1024"),
                Arguments.of("1.2.3.4.5", "not an IPv4 address"),
                Arguments.of("256.1.1.1", "not an IPv4 address"),
                Arguments.of("08.0.0.1", "not an IPv4 address"),
                Arguments.of("0x100000000", "not an IPv4 address"),
                Arguments.of("4294967296", "not an IPv4 address"),
                Arguments.of("example.123", "not an IPv4 address"),
                Arguments.of("example.0x1", "not an IPv4 address"),
                Arguments.of("[::1", "unbalanced"),
                Arguments.of("::1]", "not an IPv6 address"),
                Arguments.of("fe80::1%eth0", "not allowed"),
                Arguments.of("[fe80::1%25eth0]", "not allowed"),
                Arguments.of("1::2::3", "not an IPv6 address"),
                Arguments.of("[example.com]", "not an IPv6 address"),
                Arguments.of("exa%6dple.com", "'%' is not allowed"),
                Arguments.of("user@example.com", "'@' is not allowed"),
                Arguments.of("example.com/path", "'/' is not allowed"),
                Arguments.of("example.com\\evil", "'\\' is not allowed"),
                Arguments.of("ex*ample.com", "'*' is not allowed"),
                Arguments.of("example.com:443", "not an IPv6 address"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("refused")
    void unreadableHostsAreRefusedWithAReason(String raw, String reason) {
        assertThatThrownBy(() -> CanonicalHost.parse(raw)).isInstanceOf(InvalidHostException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void homographsAreTheirOwnNameNotTheOneTheyImitate() throws Exception {
        CanonicalHost cyrillic = CanonicalHost.parse("\u0430pple.com"); // Cyrillic small a
        assertThat(cyrillic.text()).isEqualTo("xn--pple-43d.com");
        DomainPattern apple = DomainPattern.parse("apple.com", new PortRule.Web());
        assertThat(apple.matches(cyrillic, 443)).isFalse();
        assertThat(apple.matches(CanonicalHost.parse("APPLE.com."), 443)).isTrue();
    }

    @Test
    void authorityBracketsIpv6Only() throws Exception {
        assertThat(CanonicalHost.parse("::1").authority(8080)).isEqualTo("[::1]:8080");
        assertThat(CanonicalHost.parse("0x7f.1").authority(80)).isEqualTo("127.0.0.1:80");
        assertThat(CanonicalHost.parse("Example.com").authority(443)).isEqualTo("example.com:443");
    }

    /** Random case flips and a trailing dot never change the name. */
    @Test
    void randomCaseAndTrailingDotsNeverChangeAName() throws Exception {
        Random random = new Random(34);
        List<String> names = List.of("registry.npmjs.org", "github.com", "pypi.org", "a-b_c.example.co.uk");
        for (int i = 0; i < 2000; i++) {
            String name = names.get(random.nextInt(names.size()));
            StringBuilder spelled = new StringBuilder();
            for (char c : name.toCharArray()) {
                spelled.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
            }
            if (random.nextBoolean()) {
                spelled.append('.');
            }
            assertThat(CanonicalHost.parse(spelled.toString()).text()).isEqualTo(name);
        }
    }

    /** Any IPv4 address written as 1 to 4 parts, each in decimal, octal or hex, canonicalises to its dotted quad. */
    @Test
    void randomIpv4NotationsCanonicaliseToTheDottedQuad() throws Exception {
        Random random = new Random(3434);
        for (int i = 0; i < 5000; i++) {
            long value = random.nextLong(1L << 32);
            String dotted = ((value >> 24) & 0xff) + "." + ((value >> 16) & 0xff) + "." + ((value >> 8) & 0xff) + "."
                    + (value & 0xff);
            int parts = 1 + random.nextInt(4);
            List<Long> numbers = new ArrayList<>();
            for (int p = 0; p < parts - 1; p++) {
                numbers.add((value >> (24 - 8 * p)) & 0xff);
            }
            numbers.add(value & ((1L << (8 * (5 - parts))) - 1));
            StringBuilder spelled = new StringBuilder();
            for (int p = 0; p < numbers.size(); p++) {
                if (p > 0) {
                    spelled.append('.');
                }
                long n = numbers.get(p);
                spelled.append(switch (random.nextInt(3)) {
                    case 0 -> Long.toString(n);
                    case 1 -> "0" + Long.toOctalString(n);
                    default -> (random.nextBoolean() ? "0x" : "0X") + Long.toHexString(n).toUpperCase(Locale.ROOT);
                });
            }
            assertThat(CanonicalHost.parse(spelled.toString()).text()).as(spelled.toString()).isEqualTo(dotted);
        }
    }

    /** Random bytes never crash the parser: each input is a host or an InvalidHostException. */
    @Test
    void randomInputIsEitherAHostOrARefusal() {
        Random random = new Random(340);
        String alphabet = "aZ09.-_:[]%@/*\u0000\n\r\t \u00e9\u0430\u3002\uff0e\u200b\ud83d\ude00x0";
        for (int i = 0; i < 20000; i++) {
            StringBuilder raw = new StringBuilder();
            int length = random.nextInt(40);
            for (int j = 0; j < length; j++) {
                raw.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            try {
                CanonicalHost host = CanonicalHost.parse(raw.toString());
                String text = host.text();
                assertThat(text).doesNotContain("\u0000", "\n", "\r", " ", "%", "@", "/");
                assertThat(CanonicalHost.parse(text).text()).as("canonical form is a fixed point").isEqualTo(text);
            } catch (InvalidHostException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }
}
