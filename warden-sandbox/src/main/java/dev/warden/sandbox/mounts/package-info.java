/** The host mount points bubblewrap needs for masks: created by Warden, tracked per user, removed when no sandbox can rely on them. */
package dev.warden.sandbox.mounts;
