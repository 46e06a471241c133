package dev.warden.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code warden --version}: Warden's version from the jar manifest, and the Java runtime it runs on. */
final class VersionProvider implements IVersionProvider {
    static String version() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"warden " + version() + " (Java " + Runtime.version() + ", " + System.getProperty("os.name")
                + " " + System.getProperty("os.arch") + ")"};
    }
}
