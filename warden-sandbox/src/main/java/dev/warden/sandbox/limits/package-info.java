/** Resource limits the kernel keeps for a sandbox: how many processes its commands may run at once. */
package dev.warden.sandbox.limits;
