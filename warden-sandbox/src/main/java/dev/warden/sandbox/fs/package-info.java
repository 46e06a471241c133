/** Filesystem facts a sandbox is built from: deny-glob expansion, symlink checks on guarded paths, git metadata locations. */
package dev.warden.sandbox.fs;
