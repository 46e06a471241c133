package dev.warden.cli;

/** {@code warden --version}: Warden's version from the jar manifest, and the Java runtime it runs on. */
final class VersionProvider {
    private VersionProvider() {}

    static String version() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    static String text() {
        return "warden " + version() + " (Java " + Runtime.version() + ", " + System.getProperty("os.name")
                + " " + System.getProperty("os.arch") + ")";
    }
}
