package io.mproc.contract;

import io.mproc.Context;
import io.mproc.test.Await;
import io.mproc.test.ChildJvm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Base of the contract tests: the two hooks a backend implements, and child JVMs that open the same context by URI
 * and play their part ({@link ContractChild}). Every child a test starts is killed after it, pass or fail.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
public abstract class ContractTestBase
{
    /** Guard against hanging forever while waiting for another process; never a performance bound. */
    protected static final Duration GUARD = Duration.ofSeconds(90);

    private final List<ChildJvm> children = new ArrayList<>();

    /**
     * @return the backend under test: its context and the URI its children open.
     */
    protected abstract ContractBackend backend();

    /**
     * @return the URI a child JVM opens this test's context with.
     */
    protected final String contextUri()
    {
        return backend().contextUri();
    }

    /**
     * @return this JVM's context for the current test.
     */
    protected final Context context()
    {
        return backend().context();
    }

    /**
     * @param base what the object is.
     * @return a name unique to this test, so that tests never meet each other's objects on a shared backend.
     */
    protected static String name(final String base)
    {
        return base + '-' + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Starts a child JVM that opens the context by URI and runs a role: a static method
     * {@code void role(Context context, String[] args)} of the contract class, found by name.
     *
     * @param contract the contract class declaring the role.
     * @param role     the method's name.
     * @param args     for it.
     * @return the running child; killed after the test if still running.
     */
    protected final ChildJvm child(final Class<?> contract, final String role, final String... args)
    {
        final String[] childArgs = new String[args.length + 3];
        childArgs[0] = contextUri();
        childArgs[1] = contract.getName();
        childArgs[2] = role;
        System.arraycopy(args, 0, childArgs, 3, args.length);
        final ChildJvm child = ChildJvm.start(backend().childJvmOptions(), ContractChild.class, childArgs);
        children.add(child);
        return child;
    }

    @AfterEach
    final void killChildren()
    {
        children.forEach(ChildJvm::close);
        children.clear();
    }

    /**
     * Waits for a state another process brings about, polling; fails after {@link #GUARD}.
     *
     * @param what      the state, for the failure message.
     * @param condition true once reached.
     */
    protected static void awaitState(final String what, final BooleanSupplier condition)
    {
        Await.until(what, GUARD, condition);
    }
}
