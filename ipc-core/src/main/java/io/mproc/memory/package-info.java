/**
 * Namespaces of named shared objects, each a memory-mapped file with a {@link io.mproc.memory.RegionDescriptor}
 * header: race-free create-or-open, validation of every field before use, space reserved at create time.
 * The lowest layer of mproc: it imports nothing from the layers above it.
 */
package io.mproc.memory;
