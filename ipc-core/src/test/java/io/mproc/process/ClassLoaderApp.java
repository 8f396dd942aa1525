package io.mproc.process;

/**
 * The application {@link ClassLoaderParentMain} loads through its class loader: starts a child that runs one of its
 * own methods, and reports how it went.
 */
public final class ClassLoaderApp
{
    private ClassLoaderApp()
    {
    }

    /**
     * @param args none.
     */
    public static void main(final String[] args) throws Exception
    {
        final ChildProcess child = new ChildProcess(ClassLoaderApp::task).start();
        child.join();
        System.out.println("PARENT exitCode=" + child.exitCode().getAsInt());
        child.close();
    }

    static void task()
    {
        System.out.println("CHILD ran " + ChildProcess.current().name() + " loader=" +
            ClassLoaderApp.class.getClassLoader().getName());
    }
}
