package dev.warden.policy.network;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressClassTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1                | LOOPBACK
            127.255.255.254          | LOOPBACK
            ::1                      | LOOPBACK
            ::ffff:127.0.0.1         | LOOPBACK
            0.0.0.0                  | UNSPECIFIED
            0.1.2.3                  | UNSPECIFIED
            ::                       | UNSPECIFIED
            10.0.0.1                 | PRIVATE
            172.16.0.1               | PRIVATE
            172.31.255.255           | PRIVATE
            192.168.1.1              | PRIVATE
            ::ffff:10.0.0.1          | PRIVATE
            fec0::1                  | PRIVATE
            169.254.169.254          | LINK_LOCAL
            fe80::1                  | LINK_LOCAL
            febf::1                  | LINK_LOCAL
            100.64.0.1               | CGNAT
            100.127.255.255          | CGNAT
            224.0.0.1                | MULTICAST
            239.255.255.250          | MULTICAST
            ff02::1                  | MULTICAST
            fc00::1                  | UNIQUE_LOCAL
            fd12:3456::1             | UNIQUE_LOCAL
            255.255.255.255          | RESERVED
            240.0.0.1                | RESERVED
            192.0.0.8                | RESERVED
            198.18.0.1               | RESERVED
            ::7f00:1                 | LOOPBACK
            ::808:808                | RESERVED
            64:ff9b::a00:1           | PRIVATE
            64:ff9b::a9fe:a9fe       | LINK_LOCAL
            64:ff9b::808:808         | PUBLIC
            2002:a00:1::             | PRIVATE
            2002:7f00:1::1           | LOOPBACK
            2002:808:808::           | PUBLIC
            8.8.8.8                  | PUBLIC
            172.32.0.1               | PUBLIC
            172.15.255.255           | PUBLIC
            100.128.0.1              | PUBLIC
            169.255.0.1              | PUBLIC
            203.0.113.7              | PUBLIC
            2606:4700::1111          | PUBLIC
            """)
    void addressesAreClassified(String address, AddressClass expected) throws Exception {
        CanonicalHost.Ip ip = (CanonicalHost.Ip) CanonicalHost.parse(address);
        assertThat(AddressClass.of(ip.address())).isEqualTo(expected);
    }
}
