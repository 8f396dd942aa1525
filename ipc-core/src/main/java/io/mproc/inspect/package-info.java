/**
 * Read-only inspection of shared objects and the few clean-up operations an operator needs: list namespaces and
 * objects, decode each kind's header and live state from its file, find which live processes map a file (Linux
 * {@code /proc/<pid>/maps}), and remove what nobody uses any more. Reading maps a file read-only and never changes
 * it; a corrupted, foreign or newer-version file is reported with the reason, never thrown as a stack trace.
 * The command line over this package is {@code ipc-examples}' {@code inspect} command.
 * <p>
 * A tool above every other layer: nothing in mproc imports it.
 */
package io.mproc.inspect;
