package io.mproc.memory;

import io.mproc.test.ChildJvm;
import io.mproc.test.MultiProcessTest;
import io.mproc.value.LongValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Create-or-open across separate JVMs: one creator wins, everyone shares its memory, and a creator killed while
 * building a region leaves nothing that blocks the name.
 */
class CreateRaceTest extends MultiProcessTest
{
    private static final int PROCESSES = 4;
    private final List<ChildJvm> children = new ArrayList<>();

    @AfterEach
    void killChildren()
    {
        children.forEach(ChildJvm::close); // before the fixture deletes the namespace
    }

    @Test
    @Timeout(60)
    void shouldLetExactlyOneOfManyProcessesCreateAName()
    {
        final Path goFile = namespace.directory().resolve("go");
        for (int i = 0; i < PROCESSES; i++)
        {
            final ChildJvm child = ChildJvm.start(RacingCreatorMain.class, namespace.directory().toString(),
                goFile.toString(), Integer.toString(100 + i));
            children.add(child);
        }
        for (final ChildJvm child : children)
        {
            child.awaitLine("READY", Duration.ofSeconds(30));
        }
        touch(goFile); // start line: all children are spinning on it

        final List<String> creators = new ArrayList<>();
        for (final ChildJvm child : children)
        {
            child.assertSuccess(Duration.ofSeconds(30));
            creators.add(child.awaitLine("CREATOR ", Duration.ofSeconds(1)));
        }
        // Every process found the same file, made by one of them, holding that one's initial value plus one
        // increment from each process: nobody re-initialised it.
        assertEquals(1, creators.stream().distinct().count(), creators.toString());
        final long creatorPid = Long.parseLong(creators.get(0).substring("CREATOR ".length()));
        int winner = -1;
        for (int i = 0; i < PROCESSES; i++)
        {
            if (children.get(i).pid() == creatorPid)
            {
                winner = i;
            }
        }
        assertTrue(winner >= 0, "creator " + creatorPid + " is one of the racing processes");
        final LongValue value = LongValue.open(namespace, "raced");
        assertEquals(100 + winner + PROCESSES, value.get());
        assertEquals(List.of("go", "raced"), namespace.list());
    }

    @Test
    @Timeout(60)
    void shouldRecreateNameWhoseCreatorWasKilledMidInitialisation() throws IOException
    {
        final ChildJvm creator = ChildJvm.start(DyingCreatorMain.class, namespace.directory().toString());
        children.add(creator);
        creator.awaitLine("INITIALISING", Duration.ofSeconds(30));
        creator.kill();

        assertTrue(tempFiles().count() > 0, "the killed creator left its private temporary file");
        assertTrue(!namespace.exists("contested"), "the name was never published");

        final LongValue value = LongValue.createOrOpen(namespace, "contested", 7);
        assertEquals(7, value.get());
        assertEquals(0, tempFiles().count(), "the dead creator's temporary file is swept away");
    }

    private Stream<Path> tempFiles() throws IOException
    {
        return Files.list(namespace.directory()).filter((p) -> p.getFileName().toString().startsWith(".tmp."));
    }

    private static void touch(final Path path)
    {
        try
        {
            Files.write(path, new byte[0]);
        }
        catch (final IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    /**
     * Child: waits for the start line, then create-or-opens the same name with its own initial value.
     */
    public static final class RacingCreatorMain
    {
        public static void main(final String[] args)
        {
            ChildJvm.exitWhenParentDies();
            final Path goFile = Paths.get(args[1]);
            try (Namespace namespace = Namespace.open(Paths.get(args[0])))
            {
                System.out.println("READY");
                while (!Files.exists(goFile))
                {
                    Thread.onSpinWait();
                }
                final LongValue value = LongValue.createOrOpen(namespace, "raced", Long.parseLong(args[2]));
                value.getAndAdd(1);
                System.out.println("CREATOR " + value.region().creatorPid());
            }
        }
    }

    /**
     * Child: starts creating a region and never finishes; the test SIGKILLs it mid-way.
     */
    public static final class DyingCreatorMain
    {
        public static void main(final String[] args)
        {
            ChildJvm.exitWhenParentDies();
            final Namespace namespace = Namespace.open(Paths.get(args[0]));
            final RegionSpec spec = io.mproc.value.ValueDescriptor.spec(ElementType.LONG);
            namespace.createOrOpen("contested", spec, (buffer, offset, length) ->
            {
                buffer.putLong(offset, 666);
                System.out.println("INITIALISING");
                try
                {
                    Thread.currentThread().join(); // blocks until the test SIGKILLs this JVM
                }
                catch (final InterruptedException ignore)
                {
                    // never interrupted: killed instead
                }
            });
        }
    }
}
