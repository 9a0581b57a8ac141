package io.scv.cli;

/** Wrong command-line use: printed with the subcommand's help, exit code 2. */
final class UsageException extends RuntimeException {
    private final String command;

    UsageException(String command, String message) {
        super(message);
        this.command = command;
    }

    String command() {
        return command;
    }
}
