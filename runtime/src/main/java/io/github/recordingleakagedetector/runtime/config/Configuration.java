package io.github.recordingleakagedetector.runtime.config;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * The validated values of the variables one handler reads. Loading checks all of them at once and reports every
 * problem in one message, so a misconfigured function fails its first invocation with the whole list.
 */
public final class Configuration {
    private static final Pattern CONNECT_INSTANCE =
            Pattern.compile("arn:aws[a-z-]*:connect:[a-z0-9-]+:\\d{12}:instance/[0-9a-fA-F-]{36}");
    private static final Pattern SNS_TOPIC_ARN = Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_.-]{1,256}");

    private final Handler handler;
    private final Map<EnvironmentVariable, String> values;

    private Configuration(Handler handler, Map<EnvironmentVariable, String> values) {
        this.handler = handler;
        this.values = values;
    }

    public static Configuration load(Handler handler, Map<String, String> environment) {
        Map<EnvironmentVariable, String> values = new EnumMap<>(EnvironmentVariable.class);
        List<String> problems = new ArrayList<>();
        for (EnvironmentVariable variable : EnvironmentVariable.readBy(handler)) {
            String raw = environment.get(variable.name());
            if (raw == null) {
                problems.add(variable.name() + " is not set (" + variable.description() + " The construct sets "
                        + "every variable a handler reads: deploy the function with it)");
                continue;
            }
            String value = raw.trim();
            if (value.isEmpty() && !variable.acceptsEmpty()) {
                problems.add(variable.name() + " is empty (" + variable.description() + ")");
                continue;
            }
            problemWith(variable, value).ifPresent(problems::add);
            values.put(variable, value);
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid configuration of " + handler.className() + ": "
                    + String.join("; ", problems));
        }
        return new Configuration(handler, values);
    }

    private static Optional<String> problemWith(EnvironmentVariable variable, String value) {
        String shown = variable.name() + "='" + value + "'";
        return switch (variable.kind()) {
            case TEXT -> Optional.empty();
            case KEY_PREFIX -> value.startsWith("/") || value.endsWith("/")
                    ? Optional.of(shown + " must not start or end with '/'")
                    : Optional.empty();
            case KEY_PREFIX_LIST -> splitList(value).stream().anyMatch(p -> p.isEmpty() || p.startsWith("/")
                    || p.endsWith("/"))
                    ? Optional.of(shown + " must be key prefixes separated by ',', none empty or starting or ending "
                            + "with '/'")
                    : Optional.empty();
            case BOOLEAN -> value.equals("true") || value.equals("false")
                    ? Optional.empty()
                    : Optional.of(shown + " must be true or false");
            case SHARE -> {
                try {
                    double share = Double.parseDouble(value);
                    yield share >= 0 && share <= 1 ? Optional.empty()
                            : Optional.of(shown + " must be between 0 and 1");
                } catch (NumberFormatException e) {
                    yield Optional.of(shown + " is not a number");
                }
            }
            case POSITIVE_WHOLE_NUMBER -> {
                try {
                    yield Long.parseLong(value) > 0 ? Optional.empty() : Optional.of(shown + " must be greater than 0");
                } catch (NumberFormatException e) {
                    yield Optional.of(shown + " is not a whole number");
                }
            }
            case POSITIVE_DECIMAL -> {
                try {
                    double number = Double.parseDouble(value);
                    yield number > 0 && Double.isFinite(number)
                            ? Optional.empty()
                            : Optional.of(shown + " must be a number greater than 0");
                } catch (NumberFormatException e) {
                    yield Optional.of(shown + " is not a number");
                }
            }
            case TIME_ZONE -> {
                try {
                    ZoneId.of(value);
                    yield Optional.empty();
                } catch (DateTimeException e) {
                    yield Optional.of(shown + " is not a time zone (an IANA name such as Europe/London, or UTC)");
                }
            }
            case OPTIONAL_PERCENT -> {
                if (value.isEmpty()) {
                    yield Optional.empty();
                }
                try {
                    double percent = Double.parseDouble(value);
                    yield percent >= 0 && percent <= 100 ? Optional.empty()
                            : Optional.of(shown + " must be between 0 and 100");
                } catch (NumberFormatException e) {
                    yield Optional.of(shown + " is not a number");
                }
            }
            case CONNECT_INSTANCE_ARN -> CONNECT_INSTANCE.matcher(value).matches()
                    ? Optional.empty()
                    : Optional.of(shown + " is not an Amazon Connect instance ARN");
            case OPTIONAL_SNS_TOPIC_ARN -> value.isEmpty() || SNS_TOPIC_ARN.matcher(value).matches()
                    ? Optional.empty()
                    : Optional.of(shown + " is not an SNS topic ARN");
        };
    }

    public String text(EnvironmentVariable variable) {
        return value(variable);
    }

    public Optional<String> optionalText(EnvironmentVariable variable) {
        String value = value(variable);
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    public long wholeNumber(EnvironmentVariable variable) {
        return Long.parseLong(value(variable));
    }

    public Duration seconds(EnvironmentVariable variable) {
        return Duration.ofSeconds(wholeNumber(variable));
    }

    public Duration days(EnvironmentVariable variable) {
        return Duration.ofDays(wholeNumber(variable));
    }

    public double decimal(EnvironmentVariable variable) {
        return Double.parseDouble(value(variable));
    }

    public boolean flag(EnvironmentVariable variable) {
        return Boolean.parseBoolean(value(variable));
    }

    public ZoneId timeZone(EnvironmentVariable variable) {
        return ZoneId.of(value(variable));
    }

    /** An optional number; empty when the value is. */
    public OptionalDouble optionalDecimal(EnvironmentVariable variable) {
        String value = value(variable);
        return value.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(value));
    }

    /** A comma-separated list; empty when the value is. */
    public List<String> list(EnvironmentVariable variable) {
        return splitList(value(variable));
    }

    private static List<String> splitList(String value) {
        return value.isBlank() ? List.of() : Arrays.stream(value.split(",", -1)).map(String::trim).toList();
    }

    private String value(EnvironmentVariable variable) {
        String value = values.get(variable);
        if (value == null) {
            // A programming error, not a deployment one: the enum does not list this handler as a reader.
            throw new IllegalStateException(variable + " is not read by " + handler);
        }
        return value;
    }
}
