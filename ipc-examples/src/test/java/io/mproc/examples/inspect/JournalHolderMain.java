package io.mproc.examples.inspect;

import io.mproc.journal.GroupMember;
import io.mproc.journal.Journal;
import io.mproc.journal.JournalReader;
import io.mproc.test.ChildJvm;

import java.nio.file.Path;

/**
 * The child JVM of {@link InspectJournalTest}: args: directory. Appends "a", "b", "c"; subscriber "s" consumes
 * "a"; a member of group "g" claims "a" and, without acknowledging it, prints {@code READY <claimed index>} and
 * blocks until killed.
 */
public final class JournalHolderMain
{
    private JournalHolderMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        ChildJvm.exitWhenParentDies();
        final Journal<Object> journal = Journal.builder(Path.of(args[0])).open();
        journal.append("a");
        journal.append("b");
        journal.append("c");
        final JournalReader<Object> subscriber = journal.subscriber("s");
        subscriber.poll((index, value, redelivered) ->
        {
        });
        final GroupMember<Object> member = journal.joinGroup("g");
        member.poll((index, value, redelivered) ->
        {
            System.out.println("READY " + index);
            ChildJvm.blockUntilKilled();
        });
    }
}
