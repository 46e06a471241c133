/** Asking a person about connections to hosts on neither list, until the approval router takes over. */
package dev.warden.proxy.approval;
