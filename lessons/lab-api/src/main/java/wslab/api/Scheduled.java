package wslab.api;

/** A timer set on an {@link EventLoop}. */
@FunctionalInterface
public interface Scheduled {

    /** The task will not run (again). Cancelling from inside the task itself is allowed. */
    void cancel();
}
