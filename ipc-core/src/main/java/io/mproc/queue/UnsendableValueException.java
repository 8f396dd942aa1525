package io.mproc.queue;

/**
 * Thrown at the sender ({@code put}, {@code offer}, {@code send}, {@code submit}) when a value cannot travel: it, or
 * something inside it, is of a class that is neither one of the types that travel by default (see
 * {@link ObjectCodec}) nor on the sender's {@link AllowList}. Nothing was written. The message names the refused
 * class, where it sits inside the value, the queue, pipe or pool, and the call that would allow it.
 */
public class UnsendableValueException extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;

    private final String refusedClass;
    private final String reason;
    private String path = "value";
    private String place = "a queue, pipe or pool";
    private String allowCall = "new ObjectCodec(AllowList.of(%s.class))";

    /**
     * @param refusedClass name of the class that cannot be sent.
     * @param reason       why, in a few words.
     * @param cause        the underlying failure, or null.
     */
    public UnsendableValueException(final String refusedClass, final String reason, final Throwable cause)
    {
        super(reason, cause);
        this.refusedClass = refusedClass;
        this.reason = reason;
    }

    /**
     * @return the fully qualified name of the class that was refused.
     */
    public String refusedClass()
    {
        return refusedClass;
    }

    /**
     * @return where the refused object sits inside the value sent, such as {@code value.get("k")[2].price()}.
     */
    public String path()
    {
        return path;
    }

    /**
     * Records one more step of the path, while the encoder unwinds from the refused object towards the root.
     */
    UnsendableValueException within(final String step)
    {
        path = "value" + step + path.substring("value".length());
        return this;
    }

    /**
     * Records the queue, pipe or pool and the call that would allow the class there.
     *
     * @param place             such as {@code queue 'orders' (/dev/shm/...)}.
     * @param allowCallTemplate the call, with {@code %s} where the class name goes.
     * @return this exception.
     */
    public UnsendableValueException at(final String place, final String allowCallTemplate)
    {
        this.place = place;
        this.allowCall = allowCallTemplate;
        return this;
    }

    public String getMessage()
    {
        return "cannot send " + refusedClass + " on " + place + ": " + reason + "; at " + path +
            ". Nothing was sent. To allow it, open the handle on both sides with " +
            String.format(allowCall, refusedClass.replace('$', '.')) +
            " (records, enums, JDK values and collections need no entry)";
    }
}
