package dev.vacme.client.deploy.haproxy;

import dev.vacme.client.ErrorText;
import dev.vacme.client.deploy.DeployException.Step;
import dev.vacme.client.deploy.DeployException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HAProxy's runtime API over its Unix socket, one command per connection (HAProxy answers and
 * closes). Replacing a certificate is a transaction: {@code set ssl cert FILE <<} with the new PEM
 * as payload (ended by an empty line), then {@code commit ssl cert FILE}; new handshakes use it at
 * once, without a reload. FILE must be the path exactly as {@code haproxy.cfg} names it.
 */
final class HaproxyRuntimeApi {

    private final Duration timeout;

    HaproxyRuntimeApi(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * Makes HAProxy serve {@code pem} for the certificate file {@code crt}.
     *
     * @throws DeployException with {@link Step#RELOAD} and HAProxy's answer when it refuses
     */
    void replaceCertificate(Path socket, Path crt, String pem) {
        String payload = pem.lines().filter(line -> !line.isBlank()).reduce("", (a, b) -> a + b + "\n");
        String set = exchange(socket, "set ssl cert " + crt + " <<\n" + payload + "\n");
        if (!set.contains("Transaction")) {
            throw new DeployException(Step.RELOAD, "HAProxy refused 'set ssl cert " + crt + "' on " + socket + ": "
                    + set.strip());
        }
        String commit = exchange(socket, "commit ssl cert " + crt + "\n");
        if (!commit.contains("Success!")) {
            exchange(socket, "abort ssl cert " + crt + "\n");
            throw new DeployException(Step.RELOAD, "HAProxy refused 'commit ssl cert " + crt + "' on " + socket + ": "
                    + commit.strip());
        }
    }

    /** Sends one command and returns HAProxy's whole answer. */
    String exchange(Path socket, String command) {
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "haproxy-runtime-api");
            thread.setDaemon(true);
            return thread;
        });
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            Future<String> answer = executor.submit(() -> talk(channel, socket, command));
            try {
                return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new DeployException(Step.RELOAD, "HAProxy's runtime API on " + socket + " did not answer within "
                        + timeout.toSeconds() + " s");
            } catch (ExecutionException e) {
                throw new DeployException(Step.RELOAD, "cannot talk to HAProxy's runtime API on " + socket + ": "
                        + e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                // Not re-interrupted: the rollback that follows must be able to run its commands.
                throw new DeployException(Step.RELOAD, "interrupted while talking to HAProxy on " + socket, e);
            }
        } catch (IOException e) {
            throw new DeployException(Step.RELOAD, "cannot open HAProxy's runtime API on " + socket + ": "
                    + ErrorText.of(e), e);
        } finally {
            executor.shutdownNow();
        }
    }

    private static String talk(SocketChannel channel, Path socket, String command) throws IOException {
        channel.connect(UnixDomainSocketAddress.of(socket));
        ByteBuffer out = ByteBuffer.wrap(command.getBytes(StandardCharsets.US_ASCII));
        while (out.hasRemaining()) {
            channel.write(out);
        }
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        ByteBuffer in = ByteBuffer.allocate(8192);
        while (channel.read(in) >= 0) {
            in.flip();
            answer.write(in.array(), 0, in.limit());
            in.clear();
        }
        return answer.toString(StandardCharsets.US_ASCII);
    }
}
