package dev.vacme.client.cli;

import dev.vacme.client.UsageException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;

/**
 * Asks the operator, when there is one: only on a terminal and without {@code -n}. Otherwise
 * questions get their non-interactive answer, or fail with a message naming the flag to give.
 */
public final class Prompter {

    private final BufferedReader in;
    private final PrintStream out;
    private final boolean interactive;

    /** Creates the prompter. */
    public Prompter(BufferedReader in, PrintStream out, boolean interactive) {
        this.in = in;
        this.out = out;
        this.interactive = interactive;
    }

    /** Returns true when questions can be asked. */
    public boolean interactive() {
        return interactive;
    }

    /**
     * Asks a yes/no question.
     *
     * @param question          the question
     * @param nonInteractive    the answer without an operator
     */
    public boolean confirm(String question, boolean nonInteractive) {
        if (!interactive) {
            return nonInteractive;
        }
        out.print(question + " [y/N] ");
        out.flush();
        String answer = readLine().orElse("").strip().toLowerCase(Locale.ROOT);
        return answer.equals("y") || answer.equals("yes");
    }

    /**
     * Asks for a line of text.
     *
     * @param question the question
     * @param flag     the flag that answers it on the command line, for the non-interactive error
     * @throws UsageException when no operator can answer
     */
    public String ask(String question, String flag) {
        if (!interactive) {
            throw new UsageException("missing " + flag + " (running non-interactively, so vacme cannot ask)");
        }
        out.print(question + " ");
        out.flush();
        return readLine().orElseThrow(() -> new UsageException("no answer to: " + question)).strip();
    }

    private Optional<String> readLine() {
        try {
            return Optional.ofNullable(in.readLine());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
