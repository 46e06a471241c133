package dev.warden.sandbox;

import java.lang.ProcessBuilder.Redirect;

/** Where the sandboxed command's standard streams go. */
public record Stdio(Redirect in, Redirect out, Redirect err) {
    public static Stdio pipes() {
        return new Stdio(Redirect.PIPE, Redirect.PIPE, Redirect.PIPE);
    }

    public static Stdio inherit() {
        return new Stdio(Redirect.INHERIT, Redirect.INHERIT, Redirect.INHERIT);
    }
}
