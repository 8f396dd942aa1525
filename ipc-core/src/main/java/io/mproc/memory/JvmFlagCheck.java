package io.mproc.memory;

import io.mproc.internal.JvmFlags;

import java.util.List;

/**
 * The check, done once per JVM, that it may map shared memory at all: without
 * {@code --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED} Agrona's {@code UnsafeBuffer} fails deep inside the
 * first mapping with an {@code IllegalAccessError} that names no flag. Opening a namespace checks first and throws a
 * {@link MissingJvmFlagsException} that says what to add and where.
 */
final class JvmFlagCheck
{
    /** Computed when the first namespace is opened; each later check is one read of this final field. */
    private static final List<String> MISSING = JvmFlags.missingForSharedMemory();

    private JvmFlagCheck()
    {
    }

    /**
     * @throws MissingJvmFlagsException when this JVM lacks a flag without which no region can be mapped.
     */
    static void ensureSharedMemoryFlags()
    {
        if (!MISSING.isEmpty())
        {
            throw new MissingJvmFlagsException(MISSING,
                "shared memory (Agrona reaches it through jdk.internal.misc.Unsafe)");
        }
    }
}
