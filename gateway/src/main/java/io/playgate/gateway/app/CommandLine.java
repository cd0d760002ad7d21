package io.playgate.gateway.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The gateway's command line, read once by {@link Main}: a command word, its operands, and its options, each
 * {@code --name VALUE} or {@code --name=VALUE}, in any order. {@code --config FILE} (or
 * {@code $PLAYGATE_CONFIG_OVERLAY}) names the overlay for every command that reads the configuration.
 *
 * @param command what to run
 * @param operands the arguments that are not options, without the command word (never null)
 * @param options option name (with its dashes) → value, without {@code --config} (never null)
 * @param overlay the overlay file, or {@code null}
 */
record CommandLine(Command command, List<String> operands, Map<String, String> options, @Nullable Path overlay) {

  /** The commands, with the options each accepts besides {@code --config}. */
  enum Command {
    /** No command word: run the gateway. */
    RUN(Set.of()),
    /** {@code partner-key KEY|-}. */
    PARTNER_KEY(Set.of()),
    /** {@code sign ID [--partner NAME] [--ttl 1h]}. */
    SIGN(Set.of("--partner", "--ttl")),
    /** {@code --help} or {@code -h}, with or without a command. */
    HELP(Set.of());

    private final Set<String> options;

    Command(Set<String> options) {
      this.options = options;
    }
  }

  /** Every form of the command line, for {@code --help} and usage errors. */
  static final String USAGE = String.join("\n",
      "usage: java -jar gateway/target/playgate-gateway.jar [--config FILE]          run the gateway",
      "       java -jar gateway/target/playgate-gateway.jar partner-key KEY|-        print a partner key's keySha256",
      "       java -jar gateway/target/playgate-gateway.jar sign ID [--partner NAME] [--ttl 1h] [--config FILE]",
      "                                                                         print a signed embed URL",
      "(the standalone hub with fault injection: java -jar hub-simulator/target/playgate-hub-simulator.jar --help)");

  /**
   * @param args the process arguments
   * @param env the environment ({@code PLAYGATE_CONFIG_OVERLAY})
   * @return the command line
   * @throws IllegalArgumentException saying what is wrong, for a usage message and exit status 2
   */
  static CommandLine parse(List<String> args, Map<String, String> env) {
    if (args.contains("--help") || args.contains("-h")) {
      return new CommandLine(Command.HELP, List.of(), Map.of(), null);
    }
    List<String> operands = new ArrayList<>();
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--")) {
        operands.add(arg);
        continue;
      }
      int eq = arg.indexOf('=');
      String name = eq > 0 ? arg.substring(0, eq) : arg;
      if (eq < 0 && i + 1 >= args.size()) {
        throw new IllegalArgumentException(name + ": needs a value");
      }
      options.put(name, eq > 0 ? arg.substring(eq + 1) : args.get(++i));
    }
    Command command = command(operands);
    String overlay = options.containsKey("--config") ? options.remove("--config") : env.get("PLAYGATE_CONFIG_OVERLAY");
    for (String name : options.keySet()) {
      if (!command.options.contains(name)) {
        throw new IllegalArgumentException(name + ": unknown option" + (command == Command.RUN ? "" : " for this command"));
      }
    }
    return new CommandLine(command, List.copyOf(operands), Map.copyOf(options),
        overlay == null || overlay.isBlank() ? null : Path.of(overlay));
  }

  /** Takes the command word off the operands. */
  private static Command command(List<String> operands) {
    if (operands.isEmpty()) {
      return Command.RUN;
    }
    Command command = switch (operands.get(0)) {
      case "partner-key" -> Command.PARTNER_KEY;
      case "sign" -> Command.SIGN;
      case "hub" -> throw new IllegalArgumentException("hub: the standalone hub is the hub simulator's own command now: "
          + "java -jar hub-simulator/target/playgate-hub-simulator.jar");
      default -> throw new IllegalArgumentException("unknown command '" + operands.get(0) + "'");
    };
    operands.remove(0);
    return command;
  }

  /**
   * @param name an option with its dashes, e.g. {@code --ttl}
   * @param fallback the value when the option was not given
   * @return the option's value
   */
  @Nullable String option(String name, @Nullable String fallback) {
    return options.getOrDefault(name, fallback);
  }
}
