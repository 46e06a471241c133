package dev.warden.proxy.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            http://example.com/a?b=c        | example.com   | 80    | /a?b=c
            HTTP://Example.com:8080         | Example.com   | 8080  | /
            http://example.com?q            | example.com   | 80    | /?q
            http://[::1]:8080/x#frag        | [::1]         | 8080  | /x
            http://10.0.0.1/                | 10.0.0.1      | 80    | /
            """)
    void absoluteFormSplitsIntoAuthorityAndOriginForm(String target, String host, int port, String origin) throws Exception {
        AbsoluteTarget parsed = AbsoluteTarget.parse(target);
        assertThat(parsed.authority()).isEqualTo(new Authority(host, port));
        assertThat(parsed.originForm()).isEqualTo(origin);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            /index.html                       | this is a proxy
            https://example.com/              | CONNECT tunnel
            ftp://example.com/                | only http://
            http://allowed.test@evil.test/    | user information
            http://:80/                       | empty host
            http://example.com:0/             | out of range
            http://example.com:http/          | not a number
            http://::1/                       | must be in brackets
            example.com                       | not an http:// URL
            """)
    void unusableTargetsAreRefused(String target, String reason) {
        assertThatThrownBy(() -> AbsoluteTarget.parse(target)).isInstanceOf(MalformedRequestException.class)
                .hasMessageContaining(reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            example.com:443        | example.com   | 443
            [2001:db8::1]:8443     | [2001:db8::1] | 8443
            127.0.0.1:22           | 127.0.0.1     | 22
            """)
    void connectAuthorities(String text, String host, int port) throws Exception {
        assertThat(Authority.parse(text, 0)).isEqualTo(new Authority(host, port));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            example.com       | needs host:port
            example.com:      | not a number
            :443              | empty host
            [::1              | unbalanced
            [::1]443          | expected :PORT
            example.com:65536 | out of range
            """)
    void badConnectAuthorities(String text, String reason) {
        assertThatThrownBy(() -> Authority.parse(text, 0)).hasMessageContaining(reason);
    }
}
