package io.scv.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options and {@code --flag}s of one subcommand; unknown ones are an error. */
final class Args {
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    Args(String command, List<String> args, Set<String> valueOptions, Set<String> flagOptions) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String name = a.startsWith("--") ? a.substring(2) : null;
            if (name != null && name.contains("=")) {
                String[] kv = name.split("=", 2);
                name = kv[0];
                if (!valueOptions.contains(name)) {
                    throw new UsageException(command, "unknown option --" + name);
                }
                values.put(name, kv[1]);
            } else if (name != null && valueOptions.contains(name)) {
                if (i + 1 >= args.size()) {
                    throw new UsageException(command, "option --" + name + " needs a value");
                }
                values.put(name, args.get(++i));
            } else if (name != null && flagOptions.contains(name)) {
                flags.add(name);
            } else {
                throw new UsageException(command, "unknown argument '" + a + "'");
            }
        }
    }

    String required(String command, String name) {
        String v = values.get(name);
        if (v == null) {
            throw new UsageException(command, "--" + name + " is required");
        }
        return v;
    }

    String get(String name, String dflt) {
        return values.getOrDefault(name, dflt);
    }

    int getInt(String command, String name, int dflt) {
        String v = values.get(name);
        try {
            return v == null ? dflt : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException(command, "--" + name + " must be a whole number, was: '" + v + "'");
        }
    }

    boolean flag(String name) {
        return flags.contains(name);
    }
}
