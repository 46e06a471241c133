package dev.warden.proxy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the proxy records: one {@link Decided} per connection (every decision, allowed or not), then one
 * {@link Closed} for each connection that was allowed, with the bytes it carried. {@code connection}
 * ties the two together; {@code session} and {@code command} come from the credential the client used.
 */
public sealed interface NetworkEvent permits NetworkEvent.Decided, NetworkEvent.Closed {

    long connection();

    String session();

    Optional<String> command();

    /**
     * @param host       the canonical host, or the raw one (escaped) when it could not be read
     * @param outcome    allowed, refused, or asked and answered
     * @param refusal    why it was refused, when it was
     * @param rule       the deciding entry ({@code gist.github.com:*}, {@code unknown = "ask"}...), if any
     * @param source     where that entry was written ({@code user /home/a/.warden/config.toml:7}), if known
     * @param layer      the configuration layer of {@code source} ({@code user}, {@code requirements}...), if known
     * @param reason     one readable sentence
     * @param addresses  the addresses the host resolved to, as checked (empty when it was not resolved)
     */
    record Decided(Instant at, long connection, String session, Optional<String> command, Protocol protocol,
                   String host, int port, Outcome outcome, Optional<Refusal> refusal, Optional<String> rule,
                   Optional<String> source, Optional<String> layer, String reason, List<String> addresses)
            implements NetworkEvent {
        public Decided {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(refusal, "refusal");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(layer, "layer");
            Objects.requireNonNull(reason, "reason");
            addresses = List.copyOf(addresses);
        }
    }

    /**
     * @param address   the address actually connected to, if the connection got that far
     * @param bytesOut  bytes from the client to the destination (uploads, requests)
     * @param bytesIn   bytes from the destination to the client (downloads, responses)
     * @param error     why it ended abnormally (connect refused, idle timeout...), if it did
     */
    record Closed(Instant at, long connection, String session, Optional<String> command, Protocol protocol,
                  String host, int port, Optional<String> address, long bytesOut, long bytesIn, Duration duration,
                  Optional<String> error) implements NetworkEvent {
        public Closed {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(error, "error");
        }
    }
}
