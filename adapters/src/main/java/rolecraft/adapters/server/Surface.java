package rolecraft.adapters.server;

import io.javalin.Javalin;
import rolecraft.bot.store.Notification;

/** A chat platform rolecraft serves: its routes on the shared server, and how it reaches a person there. */
public interface Surface extends Routes {

    /** The person-id prefix this surface owns: "slack" for slack:T1:U1. */
    String name();

    /** Adds this surface's routes to the server. */
    @Override
    void mount(Javalin app);

    /**
     * Sends queued replies to a person of this surface. Returns false when the person cannot be reached
     * yet (the notification stays queued and is tried again later); throws on a failure worth logging.
     */
    boolean deliver(Notification notification) throws Exception;

    /** Releases what the surface holds (connections, threads). */
    default void close() {
    }
}
