package dev.vacme.client.deploy.apache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The encoding of an Apache configuration file. Apache reads bytes; today's files (and the file
 * names in them) are UTF-8, so a file that is valid UTF-8 is read as such, and a path such as
 * {@code /var/www/café} in it stays that path, printed as it is. Any other file is read as
 * ISO-8859-1, which maps every byte to one character, so it is written back byte for byte.
 */
final class ConfigCharset {

    private ConfigCharset() {
    }

    /** Reads a configuration file. */
    static String read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return new String(bytes, of(bytes));
    }

    /** Encodes new text for {@code file} in the encoding the file had (UTF-8 for a new file). */
    static byte[] encode(Path file, String text) throws IOException {
        Charset charset = Files.isRegularFile(file) ? of(Files.readAllBytes(file)) : StandardCharsets.UTF_8;
        return text.getBytes(charset);
    }

    private static Charset of(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return StandardCharsets.UTF_8;
        } catch (CharacterCodingException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }
}
