package io.mproc.cluster;

import io.mproc.ContextOptions;
import io.mproc.sync.SharedSemaphore;
import io.mproc.test.ChildJvm;
import io.mproc.value.SharedLong;

import java.io.ByteArrayInputStream;
import java.io.ObjectInputStream;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

/**
 * The other processes of the cluster tests. {@code node URI}: a server node that runs until killed.
 * {@code lock URI NAME}, {@code rlock URI NAME} (taken twice), {@code semaphore URI NAME PERMITS}: take the lock or
 * all the permits as a client, say so, and hold them until killed. {@code acquireRounds URI NAME ROUNDS}: per round,
 * open semaphore NAME-round with no permit, say ACQUIRING round, wait up to 20 s for 3 permits and say
 * TOOK round true|false. {@code increment URI NAME TIMES}, {@code produce URI NAME COUNT}: count or put as a client,
 * then exit. {@code handle BASE64 TIMES}: increment a long whose handle was sent Java-serialised.
 */
public final class ClusterChildMain
{
    private ClusterChildMain() throws InterruptedException
    {
    }

    public static void main(final String[] args) throws Exception
    {
        ChildJvm.exitWhenParentDies();
        final String action = args[0];
        if ("handle".equals(action))
        {
            final SharedLong counter;
            try (ObjectInputStream in = new ObjectInputStream(
                new ByteArrayInputStream(Base64.getDecoder().decode(args[1]))))
            {
                counter = (SharedLong)in.readObject();
            }
            for (int i = 0; i < Integer.parseInt(args[2]); i++)
            {
                counter.incrementAndGet();
            }
            System.out.println("DONE");
            System.exit(0);
        }
        final ClusterUri uri = ClusterUri.parse(args[1]);
        final IgniteContext context = IgniteContext.open(uri, ContextOptions.defaults());
        switch (action)
        {
            case "node":
                System.out.println("READY " + context.ignite().cluster().localNode().id());
                ChildJvm.blockUntilKilled();
                break;
            case "lock":
                final Lock lock = context.lock(args[2]);
                lock.lock();
                System.out.println("LOCKED");
                ChildJvm.blockUntilKilled();
                break;
            case "rlock":
                final Lock rlock = context.rlock(args[2]);
                rlock.lock();
                rlock.lock();
                System.out.println("LOCKED");
                ChildJvm.blockUntilKilled();
                break;
            case "semaphore":
                context.semaphore(args[2], Integer.parseInt(args[3])).acquire(Integer.parseInt(args[3]));
                System.out.println("ACQUIRED");
                ChildJvm.blockUntilKilled();
                break;
            case "acquireRounds":
                for (int round = 0; round < Integer.parseInt(args[3]); round++)
                {
                    final SharedSemaphore semaphore = context.semaphore(args[2] + "-" + round, 0);
                    System.out.println("ACQUIRING " + round);
                    System.out.println("TOOK " + round + " " + semaphore.tryAcquire(3, 20, TimeUnit.SECONDS));
                }
                break;
            case "increment":
                final SharedLong counter = context.longValue(args[2], 0);
                for (int i = 0; i < Integer.parseInt(args[3]); i++)
                {
                    counter.incrementAndGet();
                }
                System.out.println("DONE");
                break;
            case "produce":
                final BlockingQueue<Object> queue = context.queue(args[2]);
                for (int i = 0; i < Integer.parseInt(args[3]); i++)
                {
                    queue.put(i);
                }
                System.out.println("DONE");
                break;
            default:
                throw new IllegalArgumentException("unknown action: " + action);
        }
        context.close();
        System.exit(0);
    }
}
