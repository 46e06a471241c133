/** The automatic reviewer's deterministic risk engine: rates an action low to critical in four categories, citing its evidence. */
package dev.warden.policy.risk;
