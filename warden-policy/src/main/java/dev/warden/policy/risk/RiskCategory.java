package dev.warden.policy.risk;

import java.util.Locale;

/**
 * The four kinds of harm the reviewer rates, after the tactics of MITRE ATT&CK: exfiltration and collection;
 * credential access; persistence, defence impairment and privilege escalation; impact.
 */
public enum RiskCategory {
    /** Data leaving the machine, or being gathered and packed to leave: uploads, raw sockets, DNS tunnels. */
    DATA_EXFILTRATION("data exfiltration"),
    /** Reading or hunting for credentials: keys, tokens, password stores, the environment, process memory. */
    CREDENTIAL_PROBING("credential probing"),
    /** Changes that outlive the action or lower defences: autorun files, disabled controls, privileges, escapes. */
    PERSISTENT_SECURITY_WEAKENING("persistent security weakening"),
    /** Damage that cannot be undone: deletions, wiped disks, lost history, dropped databases, killed systems. */
    DESTRUCTIVE_ACTION("destructive action");

    private final String label;

    RiskCategory(String label) {
        this.label = label;
    }

    /** The lower-case name used in JSON: {@code data_exfiltration}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The name for people: "data exfiltration". */
    public String label() {
        return label;
    }
}
