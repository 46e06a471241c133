/** Turns an action and the effective configuration into a verdict with reasons: pure, fast, explainable. */
package dev.warden.policy;
