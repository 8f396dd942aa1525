/**
 * The service interface through which other modules add backends to mproc's front door
 * ({@link io.mproc.Multiprocessing}).
 */
package io.mproc.spi;
