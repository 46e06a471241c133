/** A small, strict JSON reader and writer for Warden's machine-readable output and inputs, so no JSON library is loaded at start-up. */
package dev.warden.core.json;
