/** Where a path really leads: symlinks resolved component by component, so no front door is fooled by a link out of the workspace. */
package dev.warden.agents.fs;
