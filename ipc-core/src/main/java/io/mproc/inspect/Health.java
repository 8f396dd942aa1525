package io.mproc.inspect;

/**
 * What the inspector could make of a shared object file. Only {@link #OK} files have their header fields and live
 * state decoded; every other value comes with a reason naming the offending value.
 */
public enum Health
{
    /** Every header field checked and the body layout is the one this version reads. */
    OK,
    /** The layout version word is 0: the file was never completed (mproc publishes only complete files). */
    NOT_READY,
    /** Shorter than its header, or than the body its header records. */
    TRUNCATED,
    /** Not an mproc shared object: the magic number differs. */
    FOREIGN,
    /** Written by a newer mproc: a header or body layout version this version does not know. */
    NEWER_VERSION,
    /** Written by an older or otherwise different mproc: a layout version this version does not read. */
    VERSION_MISMATCH,
    /** The header is readable but the body holds values no writer of this layout stores. */
    CORRUPT,
    /** A symbolic link, folder or special file where a shared object should be; never followed. */
    NOT_A_FILE,
    /** The file cannot be read (permissions, or it vanished while being read). */
    UNREADABLE
}
