package io.mproc.inspect;

/**
 * Why an inspector command could not do what was asked, with a message naming the value and what to do. The command
 * line turns {@link #reason()} into its exit code.
 */
public final class InspectException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** The kinds of failure, each its own exit code. */
    public enum Reason
    {
        /** No namespace or object of that name (exit code 1). */
        NOT_FOUND,
        /** The arguments do not name anything the tool can address (exit code 2). */
        USAGE,
        /** Doing it would harm a live process, or the tool cannot tell that it would not (exit code 3). */
        REFUSED
    }

    private final Reason reason;

    /**
     * @param reason  kind of failure.
     * @param message naming the offending value and what to do.
     */
    public InspectException(final Reason reason, final String message)
    {
        super(message);
        this.reason = reason;
    }

    /**
     * @return the kind of failure.
     */
    public Reason reason()
    {
        return reason;
    }
}
