package dev.warden.audit.query;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --since} and {@code --until}: an instant ({@code 2026-03-01T09:00:00Z}, or with an offset), a UTC
 * date ({@code 2026-03-01}), or an age ({@code 90s}, {@code 15m}, {@code 2h}, {@code 7d}) counted back from now.
 */
public final class TimeBound {
    private static final Pattern AGE = Pattern.compile("(\\d{1,9})([smhdw])");

    private TimeBound() {}

    public static Instant parse(String text, Instant now) {
        String t = text.strip();
        Matcher age = AGE.matcher(t);
        if (age.matches()) {
            long n = Long.parseLong(age.group(1));
            Duration d = switch (age.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
            return now.minus(d);
        }
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a time: use 2026-03-01T09:00:00Z, 2026-03-01,"
                    + " or an age like 15m, 2h, 7d");
        }
    }
}
