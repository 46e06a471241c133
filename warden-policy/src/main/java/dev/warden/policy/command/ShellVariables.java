package dev.warden.policy.command;

/**
 * Whether a script may set the shell variables the danger checks read paths through: {@code HOME} (what {@code ~}
 * and {@code $HOME} expand to), {@code PWD} ({@code $PWD}) and {@code CDPATH} (where {@code cd DIR} looks first).
 * {@code PWD=/; rm -rf $PWD/usr} deletes /usr. Conservative: any mention of the name as a bare word
 * ({@code NAME=}, {@code export NAME}, {@code read NAME}, {@code for NAME in}) counts; only reads
 * ({@code $NAME}, {@code ${NAME...}}) and longer names ({@code OLDPWD}) do not.
 */
public final class ShellVariables {
    private ShellVariables() {
    }

    /** Whether {@code script} may assign the variable {@code name}. */
    public static boolean mayAssign(String script, String name) {
        for (int at = script.indexOf(name); at >= 0; at = script.indexOf(name, at + 1)) {
            int end = at + name.length();
            boolean startsWord = at == 0 || !identifier(script.charAt(at - 1)) && script.charAt(at - 1) != '$'
                    && !(script.charAt(at - 1) == '{' && at >= 2 && script.charAt(at - 2) == '$');
            boolean endsWord = end == script.length() || !identifier(script.charAt(end));
            if (startsWord && endsWord) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code script} may assign HOME or PWD, which {@code ~}, $HOME and $PWD expand from. */
    public static boolean mayAssignHomeOrPwd(String script) {
        return mayAssign(script, "HOME") || mayAssign(script, "PWD");
    }

    /** {@code context} as it holds for {@code script}: with {@code ~}, $HOME and $PWD unknown if it may assign them. */
    public static DangerContext contextFor(String script, DangerContext context) {
        return context != null && mayAssignHomeOrPwd(script) ? context.withHomeAndPwdUnknown() : context;
    }

    private static boolean identifier(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }
}
