/** The shared vocabulary every Warden module speaks: what an agent asks for, and what Warden decided. */
package dev.warden.core;
