package rolecraft.adapters.server;

import io.javalin.Javalin;

/** A group of routes on the shared server: a chat surface, the admin pages, the try-it chat. */
@FunctionalInterface
public interface Routes {

    /** Adds the routes to the server. */
    void mount(Javalin app);
}
