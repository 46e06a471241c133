package dev.warden.audit.otel;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OTLP/gRPC collector on loopback for tests: HTTP/2 over cleartext with prior knowledge (what gRPC
 * clients speak to an {@code http://} endpoint), just enough of RFC 9113 to take unary calls. It keeps each
 * request's gRPC message (the protobuf Export*ServiceRequest) and answers with an empty response and
 * {@code grpc-status: 0}. Request headers are not decoded (HPACK): one receiver per signal.
 */
final class GrpcReceiver implements AutoCloseable {
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int DATA = 0;
    private static final int HEADERS = 1;
    private static final int SETTINGS = 4;
    private static final int PING = 6;
    private static final int GOAWAY = 7;
    private static final int WINDOW_UPDATE = 8;

    final List<byte[]> messages = new CopyOnWriteArrayList<>();
    private final ServerSocket server;
    private final Thread acceptor;

    GrpcReceiver() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofPlatform().daemon(true).start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread.ofPlatform().daemon(true).start(() -> serve(socket));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void serve(Socket socket) {
        try (socket; DataInputStream in = new DataInputStream(socket.getInputStream())) {
            OutputStream out = socket.getOutputStream();
            byte[] preface = in.readNBytes(PREFACE.length);
            if (!java.util.Arrays.equals(preface, PREFACE)) {
                return;
            }
            frame(out, SETTINGS, 0, 0, new byte[0]);
            Map<Integer, java.io.ByteArrayOutputStream> bodies = new HashMap<>();
            while (true) {
                int length = (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
                int type = in.readUnsignedByte();
                int flags = in.readUnsignedByte();
                int stream = in.readInt() & 0x7fffffff;
                byte[] payload = in.readNBytes(length);
                switch (type) {
                    case SETTINGS -> {
                        if ((flags & 1) == 0) {
                            frame(out, SETTINGS, 1, 0, new byte[0]); // ack
                        }
                    }
                    case PING -> {
                        if ((flags & 1) == 0) {
                            frame(out, PING, 1, 0, payload);
                        }
                    }
                    case HEADERS -> {
                        bodies.put(stream, new java.io.ByteArrayOutputStream());
                        if ((flags & 1) != 0) {
                            respond(out, stream, bodies.remove(stream).toByteArray());
                        }
                    }
                    case DATA -> {
                        int padding = (flags & 8) != 0 ? payload[0] & 0xff : 0;
                        int start = (flags & 8) != 0 ? 1 : 0;
                        bodies.computeIfAbsent(stream, s -> new java.io.ByteArrayOutputStream())
                                .write(payload, start, payload.length - start - padding);
                        if (length > 0) { // give the window back, for the connection and the stream
                            frame(out, WINDOW_UPDATE, 0, 0, int32(length));
                            frame(out, WINDOW_UPDATE, 0, stream, int32(length));
                        }
                        if ((flags & 1) != 0) {
                            respond(out, stream, bodies.remove(stream).toByteArray());
                        }
                    }
                    case GOAWAY -> {
                        return;
                    }
                    default -> { } // WINDOW_UPDATE, PRIORITY, RST_STREAM: nothing to do for unary calls
                }
            }
        } catch (IOException e) {
            // the client closed the connection
        }
    }

    /** Keeps the gRPC messages of a request (1 byte compressed flag, 4 bytes length, the message) and answers. */
    private void respond(OutputStream out, int stream, byte[] body) throws IOException {
        List<byte[]> found = new ArrayList<>();
        for (int i = 0; i + 5 <= body.length; ) {
            int length = ((body[i + 1] & 0xff) << 24) | ((body[i + 2] & 0xff) << 16) | ((body[i + 3] & 0xff) << 8) | (body[i + 4] & 0xff);
            found.add(java.util.Arrays.copyOfRange(body, i + 5, i + 5 + length));
            i += 5 + length;
        }
        messages.addAll(found);
        // HPACK: ":status: 200" is static entry 8; content-type (static name 31) as a literal without indexing.
        java.io.ByteArrayOutputStream headers = new java.io.ByteArrayOutputStream();
        headers.write(0x88);
        headers.write(0x0f);
        headers.write(31 - 15);
        literal(headers, "application/grpc");
        frame(out, HEADERS, 4, stream, headers.toByteArray());
        frame(out, DATA, 0, stream, new byte[] {0, 0, 0, 0, 0}); // an empty Export*ServiceResponse
        java.io.ByteArrayOutputStream trailers = new java.io.ByteArrayOutputStream();
        trailers.write(0x00);
        literal(trailers, "grpc-status");
        literal(trailers, "0");
        frame(out, HEADERS, 4 | 1, stream, trailers.toByteArray()); // END_HEADERS | END_STREAM
    }

    private static void literal(java.io.ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        out.write(bytes.length); // < 127, no Huffman
        out.writeBytes(bytes);
    }

    private static synchronized void frame(OutputStream out, int type, int flags, int stream, byte[] payload) throws IOException {
        byte[] header = {(byte) (payload.length >>> 16), (byte) (payload.length >>> 8), (byte) payload.length,
            (byte) type, (byte) flags, (byte) (stream >>> 24), (byte) (stream >>> 16), (byte) (stream >>> 8), (byte) stream};
        out.write(header);
        out.write(payload);
        out.flush();
    }

    private static byte[] int32(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
    }
}
