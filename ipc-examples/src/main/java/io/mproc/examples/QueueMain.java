package io.mproc.examples;

import io.mproc.Context;
import io.mproc.process.ChildProcess;

import java.util.concurrent.BlockingQueue;

/**
 * Python's {@code process_queue.py}: one child puts "Hello World" on a shared queue, another takes it. The queue is a
 * ring in a mapped file; it travels to each child by name and arrives as a live handle. {@code take()} waits with a
 * short spin and then a futex sleep, so the waiting child uses no CPU.
 */
public final class QueueMain
{
    private QueueMain()
    {
    }

    static void setData(final BlockingQueue<String> queue) throws InterruptedException
    {
        final String message = "Hello World";
        // Printed just before the put, where the original prints just after: its get_data sleeps 1 s before taking,
        // so that its line comes second; here it comes second because the take cannot return before the put.
        System.out.println("[" + ChildProcess.current().name() + "] set queue data : " + message);
        queue.put(message);
    }

    static void getData(final BlockingQueue<String> queue) throws InterruptedException
    {
        final Object data = queue.take();
        System.out.println("[" + ChildProcess.current().name() + "] get queue data : " + data);
    }

    /**
     * @param args none.
     * @throws InterruptedException if interrupted while joining.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        try (Context mp = ExampleContext.open())
        {
            final BlockingQueue<String> queue = mp.queue(ExampleContext.name("queue"));

            final ChildProcess setter = mp.process(QueueMain::setData, queue).name("set_data");
            final ChildProcess getter = mp.process(QueueMain::getData, queue).name("get_data");
            setter.start();
            getter.start();
            setter.join();
            getter.join();
        }
    }
}
