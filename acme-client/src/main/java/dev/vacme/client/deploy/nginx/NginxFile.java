package dev.vacme.client.deploy.nginx;

import dev.vacme.client.deploy.nginx.NginxLexer.Kind;
import dev.vacme.client.deploy.nginx.NginxLexer.Token;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One nginx configuration file: its text exactly as read and its directives. Edits are made on
 * the text ({@link TextEdits}), so everything an edit does not touch (comments, indentation,
 * blank lines) stays as the admin wrote it.
 *
 * @param path       the file
 * @param text       its content
 * @param directives its top-level directives, includes not expanded
 */
public record NginxFile(Path path, String text, List<NginxDirective> directives) {

    public NginxFile {
        directives = List.copyOf(directives);
    }

    /**
     * Parses a file's text.
     *
     * @throws NginxException when the text is not valid nginx syntax
     */
    public static NginxFile parse(Path path, String text) {
        Parser parser = new Parser(path, NginxLexer.tokenize(text, path.toString()));
        List<NginxDirective> directives = parser.directives(false);
        return new NginxFile(path, text, directives);
    }

    /** Reads tokens into directives. */
    private static final class Parser {
        private final Path path;
        private final List<Token> tokens;
        private int next;

        Parser(Path path, List<Token> tokens) {
            this.path = path;
            this.tokens = tokens;
        }

        List<NginxDirective> directives(boolean inBlock) {
            List<NginxDirective> directives = new ArrayList<>();
            while (next < tokens.size()) {
                Token token = tokens.get(next);
                if (token.kind() == Kind.CLOSE) {
                    if (!inBlock) {
                        throw error(token, "unexpected \"}\"");
                    }
                    return directives;
                }
                if (token.kind() != Kind.WORD) {
                    throw error(token, "unexpected \"" + token.value() + "\"");
                }
                directives.add(directive());
            }
            if (inBlock) {
                throw new NginxException(path + ": unexpected end of file, expecting \"}\"");
            }
            return directives;
        }

        private NginxDirective directive() {
            Token name = tokens.get(next++);
            List<String> args = new ArrayList<>();
            while (next < tokens.size()) {
                Token token = tokens.get(next++);
                switch (token.kind()) {
                    case WORD -> args.add(token.value());
                    case SEMICOLON -> {
                        return new NginxDirective(name.value(), args, path, name.line(), name.start(), token.end(),
                                -1, null);
                    }
                    case OPEN -> {
                        List<NginxDirective> block = directives(true);
                        Token close = tokens.get(next++);
                        return new NginxDirective(name.value(), args, path, name.line(), name.start(), close.end(),
                                token.end(), block);
                    }
                    case CLOSE -> throw error(token, "unexpected \"}\"");
                }
            }
            throw new NginxException(path + ": unexpected end of file, expecting \";\" or \"}\"");
        }

        private NginxException error(Token token, String what) {
            return new NginxException(path + ":" + token.line() + ": " + what);
        }
    }
}
