package io.mproc.examples;

import io.mproc.journal.GroupMember;
import io.mproc.journal.Journal;
import io.mproc.journal.JournalReader;
import io.mproc.process.ChildProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * The durable journal: one process appends 10 messages and exits; a second process, started afterwards, replays
 * them from the files; then two worker processes in one consumer group of a second journal share 20 tasks, each
 * task printed once, by one of them (which one depends on timing). The journal lives in a directory on disk (here a temporary one, deleted at the end).
 */
public final class JournalMain
{
    private static final String STOP = "stop";

    private JournalMain()
    {
    }

    static void write(final String directory)
    {
        try (Journal<Object> journal = Journal.builder(Paths.get(directory)).open())
        {
            for (int i = 0; i < 10; i++)
            {
                journal.append("message " + i);
            }
        }
        System.out.println("[writer] appended 10 messages and exits");
    }

    static void replay(final String directory)
    {
        try (Journal<Object> journal = Journal.builder(Paths.get(directory)).open();
            JournalReader<Object> reader = journal.reader())
        {
            while (1 == reader.poll((index, value, redelivered) -> System.out.println("[reader] replayed " + value)))
            {
                // until the end of the journal
            }
        }
    }

    static void work(final String directory)
    {
        final String name = ChildProcess.current().name();
        try (Journal<Object> journal = Journal.builder(Paths.get(directory)).open();
            GroupMember<Object> member = journal.joinGroup("workers"))
        {
            final boolean[] stop = {false};
            while (!stop[0])
            {
                final int handled = member.poll((index, value, redelivered) ->
                {
                    if (STOP.equals(value))
                    {
                        stop[0] = true; // each worker takes one stop message: the tasks before it are all taken
                    }
                    else
                    {
                        System.out.println("[" + name + "] " + value);
                        LockSupport.parkNanos(20_000_000); // the work: meanwhile the other worker takes the next
                    }
                });
                if (0 == handled)
                {
                    LockSupport.parkNanos(1_000_000);
                }
            }
        }
    }

    /**
     * @param args none.
     * @throws Exception if interrupted or the temporary directory cannot be made or deleted.
     */
    public static void main(final String[] args) throws Exception
    {
        final Path directory = Files.createTempDirectory("mproc-journal-example");
        try
        {
            final String dir = directory.resolve("journal").toString();
            final ChildProcess writer = new ChildProcess(JournalMain::write, dir).name("writer").start();
            writer.join();
            final ChildProcess reader = new ChildProcess(JournalMain::replay, dir).name("reader").start();
            reader.join();

            final String tasks = directory.resolve("tasks").toString(); // a journal of its own for the group
            try (Journal<Object> journal = Journal.builder(Paths.get(tasks)).open())
            {
                for (int i = 0; i < 20; i++)
                {
                    journal.append("task " + i);
                }
                journal.append(STOP);
                journal.append(STOP);
            }
            final ChildProcess first = new ChildProcess(JournalMain::work, tasks).name("worker-1").start();
            final ChildProcess second = new ChildProcess(JournalMain::work, tasks).name("worker-2").start();
            first.join();
            second.join();
        }
        finally
        {
            deleteRecursively(directory);
        }
    }

    private static void deleteRecursively(final Path directory) throws IOException
    {
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(path);
            }
        }
    }
}
