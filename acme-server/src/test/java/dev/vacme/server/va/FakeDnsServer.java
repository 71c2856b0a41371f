package dev.vacme.server.va;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tiny authoritative-looking DNS server over UDP on 127.0.0.1, port 0, enough for the Vert.x DNS
 * client: it answers A and AAAA questions from a table, with a chosen response code, or not at all.
 */
final class FakeDnsServer implements AutoCloseable {

    /** How to answer questions for one name. */
    record Answer(int responseCode, List<InetAddress> addresses, boolean silent) {
        static Answer of(InetAddress... addresses) {
            return new Answer(0, List.of(addresses), false);
        }

        static Answer code(int responseCode) {
            return new Answer(responseCode, List.of(), false);
        }

        static Answer silence() {
            return new Answer(0, List.of(), true);
        }
    }

    static final int NXDOMAIN = 3;
    static final int SERVFAIL = 2;

    private static final int TYPE_A = 1;
    private static final int TYPE_AAAA = 28;

    private final DatagramSocket socket;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    private FakeDnsServer(DatagramSocket socket) {
        this.socket = socket;
    }

    static FakeDnsServer start(Vertx vertx) throws Exception {
        DatagramSocket socket = vertx.createDatagramSocket();
        FakeDnsServer server = new FakeDnsServer(socket);
        socket.handler(server::answer);
        Await.result(socket.listen(0, "127.0.0.1"));
        return server;
    }

    /** Sets the answer for a name; unknown names get NXDOMAIN. */
    void answer(String name, Answer answer) {
        answers.put(name.toLowerCase(Locale.ROOT), answer);
    }

    int port() {
        return socket.localAddress().port();
    }

    @Override
    public void close() throws Exception {
        Await.result(socket.close());
    }

    private void answer(DatagramPacket packet) {
        Buffer query = packet.data();
        int position = 12;
        StringBuilder name = new StringBuilder();
        for (int length = query.getUnsignedByte(position); length != 0; length = query.getUnsignedByte(position)) {
            name.append(name.length() == 0 ? "" : ".").append(query.getString(position + 1, position + 1 + length));
            position += 1 + length;
        }
        int type = query.getUnsignedShort(position + 1);
        int questionEnd = position + 5;
        Answer answer = answers.getOrDefault(name.toString().toLowerCase(Locale.ROOT), Answer.code(NXDOMAIN));
        if (answer.silent()) {
            return;
        }
        List<byte[]> records = answer.addresses().stream().map(InetAddress::getAddress)
                .filter(bytes -> bytes.length == (type == TYPE_A ? 4 : type == TYPE_AAAA ? 16 : -1))
                .toList();
        Buffer response = Buffer.buffer()
                .appendUnsignedShort(query.getUnsignedShort(0))
                .appendUnsignedShort(0x8180 | answer.responseCode())
                .appendUnsignedShort(1)
                .appendUnsignedShort(records.size())
                .appendUnsignedShort(0)
                .appendUnsignedShort(0)
                .appendBuffer(query.getBuffer(12, questionEnd));
        for (byte[] record : records) {
            response.appendUnsignedShort(0xc00c).appendUnsignedShort(type).appendUnsignedShort(1)
                    .appendInt(60).appendUnsignedShort(record.length).appendBytes(record);
        }
        socket.send(response, packet.sender().port(), packet.sender().host());
    }
}
