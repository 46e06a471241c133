package dev.warden.proxy.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpHeadReaderTest {

    private static HttpRequestHead read(String text) throws Exception {
        return HttpHeadReader.read(stream(text), 256, 2048, 10);
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aConnectHeadIsReadUpToTheBlankLineAndNoFurther() throws Exception {
        InputStream in = stream("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\nProxy-Authorization:  Basic x \r\n\r\n\u0016\u0003\u0001TLS");
        HttpRequestHead head = HttpHeadReader.read(in, 256, 2048, 10);
        assertThat(head.method()).isEqualTo("CONNECT");
        assertThat(head.target()).isEqualTo("example.com:443");
        assertThat(head.header("proxy-authorization")).contains("Basic x");
        assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("\u0016\u0003\u0001TLS");
    }

    @Test
    void bareLineFeedsAndUpToFourLeadingEmptyLinesAreAccepted() throws Exception {
        HttpRequestHead head = read("\r\n\nGET http://a.test/ HTTP/1.0\nA: 1\nConnection: keep-alive, Upgrade\n\n");
        assertThat(head.version()).isEqualTo("HTTP/1.0");
        assertThat(head.lists("connection", "upgrade")).isTrue();
        assertThat(head.lists("connection", "close")).isFalse();
    }

    @Test
    void aClientThatLeavesBeforeSendingAnythingIsNotAnError() throws Exception {
        assertThat(read("")).isNull();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            GET http://a/ HTTP/1.1\\r\\nA: 1\\rB: 2\\r\\n\\r\\n             | 400 | a CR not followed by LF
            GET http://a/ HTTP/1.1\\r\\nA: 1\\r\\n folded\\r\\n\\r\\n       | 400 | obs-fold
            GET http://a/ HTTP/1.1\\r\\nA : 1\\r\\n\\r\\n                   | 400 | is not a token
            GET http://a/ HTTP/1.1\\r\\n: 1\\r\\n\\r\\n                     | 400 | without a name
            GET http://a/ HTTP/1.1\\r\\nNoColon\\r\\n\\r\\n                 | 400 | without a name
            GET http://a/ HTTP/1.1\\r\\nA: x\\u0001y\\r\\n\\r\\n            | 400 | control character
            GET http://a/ HTTP/1.1\\r\\nA: x\\u0000y\\r\\n\\r\\n            | 400 | NUL
            GET http://a/ HTTP/2.0\\r\\n\\r\\n                              | 400 | only HTTP/1.0 and HTTP/1.1
            GET http://a/ FTP/1.0\\r\\n\\r\\n                               | 400 | must end with HTTP/1.1
            GET  http://a/ HTTP/1.1\\r\\n\\r\\n                             | 400 | METHOD SP TARGET SP
            GET http://a/\\r\\n\\r\\n                                       | 400 | METHOD SP TARGET SP
            G(T http://a/ HTTP/1.1\\r\\n\\r\\n                              | 400 | not a token
            GET http://a/\\u00e9 HTTP/1.1\\r\\n\\r\\n                       | 400 | not visible ASCII
            GET http://a/ HTTP/1.1\\r\\nA: 1\\r\\n                          | 400 | ended inside
            \\r\\n\\r\\n\\r\\n\\r\\n\\r\\n\\r\\n                            | 400 | no request line
            """)
    void malformedHeadsAreRefusedWithAStatus(String escaped, int status, String reason) {
        String text = escaped.strip().replace("\\r", "\r").replace("\\n", "\n").replace("\\u0001", "\u0001")
                .replace("\\u0000", "\u0000").replace("\\u00e9", "\u00e9");
        assertThatThrownBy(() -> read(text)).isInstanceOfSatisfying(MalformedRequestException.class,
                e -> assertThat(e.status()).isEqualTo(status)).hasMessageContaining(reason);
    }

    @Test
    void everyLimitHoldsAndSaysWhich() {
        assertThatThrownBy(() -> read("GET http://a/" + "x".repeat(300) + " HTTP/1.1\r\n\r\n"))
                .isInstanceOfSatisfying(MalformedRequestException.class, e -> assertThat(e.status()).isEqualTo(414));
        assertThatThrownBy(() -> read("GET http://a/ HTTP/1.1\r\nA: " + "x".repeat(300) + "\r\n\r\n"))
                .isInstanceOfSatisfying(MalformedRequestException.class, e -> assertThat(e.status()).isEqualTo(431));
        assertThatThrownBy(() -> read("GET http://a/ HTTP/1.1\r\n" + "A: 1\r\n".repeat(11) + "\r\n"))
                .isInstanceOfSatisfying(MalformedRequestException.class, e -> assertThat(e.status()).isEqualTo(431))
                .hasMessageContaining("more than 10 header fields");
        assertThatThrownBy(() -> read("GET http://a/ HTTP/1.1\r\n" + ("A: " + "x".repeat(200) + "\r\n").repeat(10) + "\r\n"))
                .isInstanceOfSatisfying(MalformedRequestException.class, e -> assertThat(e.status()).isEqualTo(431))
                .hasMessageContaining("larger than allowed");
    }
}
