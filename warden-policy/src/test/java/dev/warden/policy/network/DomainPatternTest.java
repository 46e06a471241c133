package dev.warden.policy.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class DomainPatternTest {

    @ParameterizedTest(name = "{0} reads as {1}")
    @CsvSource(delimiter = '|', textBlock = """
            GitHub.com                 | github.com
            github.com.                | github.com
            *.NPMJS.org                | *.npmjs.org
            **.npmjs.org.              | **.npmjs.org
            registry.npmjs.org:443     | registry.npmjs.org:443
            github.com:*               | github.com:*
            github.com:22              | github.com:22
            10.0.0.0/8                 | 10.0.0.0/8
            127.0.0.1/32:*             | 127.0.0.1/32:*
            [::1]:8080                 | [::1]:8080
            ::1                        | ::1
            2001:DB8::/32              | 2001:db8::/32
            [2001:db8::/32]:443        | [2001:db8::/32]:443
            2130706433                 | 127.0.0.1
            0x7f.1:8080                | 127.0.0.1:8080
            ::ffff:10.0.0.0/104        | 10.0.0.0/8
            ::ffff:127.0.0.1           | 127.0.0.1
            bücher.de                  | xn--bcher-kva.de
            *.ｅｘａｍｐｌｅ.com        | *.example.com
            """)
    void allowedEntriesAreCanonicalised(String written, String canonical) throws Exception {
        assertThat(DomainPattern.parse(written, new PortRule.Web()).text()).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "denied {0} reads as {1}")
    @CsvSource(delimiter = '|', textBlock = """
            gist.github.com            | gist.github.com:*
            gist.github.com:443        | gist.github.com:443
            169.254.0.0/16             | 169.254.0.0/16:*
            fd00::/8                   | [fd00::/8]:*
            """)
    void deniedEntriesWithoutAPortCoverEveryPort(String written, String canonical) throws Exception {
        assertThat(DomainRule.deny(written, "test", false).pattern().text()).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            *                    | would match every host
            **                   | would match every host
            **:443               | would match every host
            *.                   | empty host
            foo.*.com            | '*' is only allowed as a whole first label
            *foo.com             | '*' is only allowed as a whole first label
            f*o.com              | '*' is only allowed as a whole first label
            *.*.com              | '*' is only allowed as a whole first label
            *.10.0.0.1           | a wildcard needs a domain name
            github.com:0         | not from 1 to 65535
            github.com:65536     | not from 1 to 65535
            github.com:          | is not a number
            github.com:http      | is not a number
            github.com:-1        | is not a number
            10.0.0.1/8           | has bits set after the prefix; write 10.0.0.0/8
            10.0.0.0/33          | longer than 32 bits
            10/8                 | four decimal numbers
            10.0.0.0/            | is not a number
            10.0.0.0/x           | is not a number
            [::1]8080            | expected :PORT
            [github.com]:443     | brackets only enclose an IPv6
            [::1                 | unbalanced
            2001:db8::1/129      | longer than 128 bits
            ::ffff:10.0.0.0/8    | at least /96
            1.2.3.4.5            | not an IPv4 address
            github.com/path      | is not a number
            exa mple.com         | white space
            """)
    void malformedEntriesAreRefusedWithAReason(String written, String reason) {
        assertThatThrownBy(() -> DomainRule.allow(written, "test", false))
                .isInstanceOf(InvalidHostException.class)
                .hasMessageContaining(reason)
                .hasMessageStartingWith("\"");
    }

    static Stream<Arguments> matches() {
        return Stream.of(
                Arguments.of("github.com", "github.com", 443, true),
                Arguments.of("github.com", "github.com", 80, true),
                Arguments.of("github.com", "GITHUB.com.", 443, true),
                Arguments.of("github.com", "github.com", 22, false),
                Arguments.of("github.com", "github.com", 8443, false),
                Arguments.of("github.com", "api.github.com", 443, false),
                Arguments.of("github.com", "notgithub.com", 443, false),
                Arguments.of("github.com", "github.com.evil.com", 443, false),
                Arguments.of("github.com", "github.co", 443, false),
                Arguments.of("*.github.com", "api.github.com", 443, true),
                Arguments.of("*.github.com", "a.b.github.com", 443, true),
                Arguments.of("*.github.com", "github.com", 443, false),
                Arguments.of("*.github.com", "evilgithub.com", 443, false),
                Arguments.of("*.github.com", "api.github.com", 22, false),
                Arguments.of("**.github.com", "github.com", 443, true),
                Arguments.of("**.github.com", "api.github.com", 80, true),
                Arguments.of("**.github.com", "evilgithub.com", 443, false),
                Arguments.of("**.github.com", "github.com.evil", 443, false),
                Arguments.of("github.com:22", "github.com", 22, true),
                Arguments.of("github.com:22", "github.com", 443, false),
                Arguments.of("github.com:*", "github.com", 22, true),
                Arguments.of("github.com:*", "github.com", 65535, true),
                Arguments.of("*.npmjs.org:443", "registry.npmjs.org", 443, true),
                Arguments.of("*.npmjs.org:443", "registry.npmjs.org", 80, false),
                Arguments.of("10.0.0.0/8", "10.1.2.3", 443, true),
                Arguments.of("10.0.0.0/8", "012.1.2.3", 443, true),
                Arguments.of("10.0.0.0/8", "11.0.0.1", 443, false),
                Arguments.of("10.0.0.0/8", "10.1.2.3", 22, false),
                Arguments.of("10.0.0.0/8", "ten.example", 443, false),
                Arguments.of("127.0.0.1", "2130706433", 80, true),
                Arguments.of("127.0.0.1", "::ffff:127.0.0.1", 80, true),
                Arguments.of("127.0.0.1", "127.0.0.2", 80, false),
                Arguments.of("127.0.0.1/32:*", "127.1", 41234, true),
                Arguments.of("fd00::/8", "fd12::1", 443, true),
                Arguments.of("fd00::/8", "fe80::1", 443, false),
                Arguments.of("fd00::/8", "10.0.0.1", 443, false),
                Arguments.of("[::1]:8080", "0:0:0:0:0:0:0:1", 8080, true),
                Arguments.of("bücher.de", "xn--bcher-kva.de", 443, true),
                Arguments.of("apple.com", "\u0430pple.com", 443, false));
    }

    @ParameterizedTest(name = "{0} vs {1}:{2} -> {3}")
    @MethodSource("matches")
    void matchingFollowsTheDocumentedSemantics(String pattern, String host, int port, boolean expected) throws Exception {
        DomainPattern parsed = DomainPattern.parse(pattern, new PortRule.Web());
        assertThat(parsed.matches(CanonicalHost.parse(host), port)).isEqualTo(expected);
    }
}
