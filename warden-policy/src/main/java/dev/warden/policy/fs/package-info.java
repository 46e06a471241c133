/** Permission profiles resolved into the concrete filesystem policy (readable, writable, denied and protected paths) that the sandbox enforces. */
package dev.warden.policy.fs;
