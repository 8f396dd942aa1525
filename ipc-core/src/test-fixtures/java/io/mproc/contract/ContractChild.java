package io.mproc.contract;

import io.mproc.Context;
import io.mproc.Multiprocessing;
import io.mproc.test.ChildJvm;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * The child JVM of a contract test: opens the context by URI ({@link Multiprocessing#context(String)}), runs the
 * role it is given (a static method of a contract class) and exits 0; on failure it prints {@code error ...} and
 * exits 1. Arguments: the URI, the contract class, the role, then the role's own arguments.
 */
public final class ContractChild
{
    private ContractChild()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        ChildJvm.exitWhenParentDies();
        final String uri = args[0];
        final Method role = Class.forName(args[1]).getDeclaredMethod(args[2], Context.class, String[].class);
        role.setAccessible(true);
        int status = 0;
        try (Context context = Multiprocessing.context(uri))
        {
            role.invoke(null, context, Arrays.copyOfRange(args, 3, args.length));
        }
        catch (final InvocationTargetException ex)
        {
            System.out.println("error " + ex.getCause());
            ex.getCause().printStackTrace();
            status = 1;
        }
        System.out.flush();
        System.exit(status);
    }

    /**
     * For a role: prints a line the parent waits for.
     *
     * @param line to print.
     */
    static void say(final String line)
    {
        System.out.println(line);
        System.out.flush();
    }
}
