/**
 * Not API: mproc's own plumbing (futexes, process identity, the JVM flag lists), public only so that mproc's other
 * packages can reach it. It may change in any release without notice; do not call it. What users need of it has a
 * public face elsewhere, such as {@link io.mproc.JvmFlags} for the JVM flags.
 */
package io.mproc.internal;
