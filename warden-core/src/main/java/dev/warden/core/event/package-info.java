/** What happened in a session, as one closed set of event records, their canonical JSON, and the one interface every part of Warden emits them through. */
package dev.warden.core.event;
