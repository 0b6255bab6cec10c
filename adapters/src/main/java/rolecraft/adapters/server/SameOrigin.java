package rolecraft.adapters.server;

import io.javalin.http.Context;
import java.net.URI;
import java.util.Locale;

/**
 * Whether a browser request comes from this server's own pages. A page on another site can make a browser send
 * requests here (a form post, a fetch, a rebound DNS name): the headers the browser sets itself tell them apart.
 */
public final class SameOrigin {

    private SameOrigin() {
    }

    /**
     * For pages served to this machine only: the Host header names this server (a loopback name or the address
     * the connection came in on, with the port it came in on), so a rebound DNS name is refused; and the Origin
     * and Sec-Fetch-Site headers, when a browser sent them, say the request comes from such a page.
     */
    public static boolean local(Context ctx) {
        return ownAuthority(ctx, ctx.header("Host")) && fetchedBySameOrigin(ctx)
                && (hiddenOrigin(ctx) || ownOrigin(ctx, ctx.header("Origin")));
    }

    /**
     * No Origin, or "null" from a browser that says (Sec-Fetch-Site, which no page can set) the request is
     * same-origin: under Referrer-Policy no-referrer a browser sends "null" for its own pages' posts.
     */
    private static boolean hiddenOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        return origin == null || origin.equals("null") && "same-origin".equalsIgnoreCase(ctx.header("Sec-Fetch-Site"));
    }

    /**
     * For a state-changing request that may come through a proxy: when the browser says where it comes from
     * (Origin, Sec-Fetch-Site), it is the page of the very host the request is addressed to.
     */
    public static boolean sameHost(Context ctx) {
        if (!fetchedBySameOrigin(ctx)) {
            return false;
        }
        if (hiddenOrigin(ctx)) {
            // No browser sends a cross-site POST without Origin; a command-line client has no origin to check.
            return true;
        }
        String origin = ctx.header("Origin");
        String host = ctx.header("Host");
        URI uri = parse(origin);
        return uri != null && host != null && uri.getRawAuthority() != null
                && uri.getRawAuthority().equalsIgnoreCase(host.strip());
    }

    /** Sec-Fetch-Site, when sent, is same-origin or none (typed by the person); same-site is another origin too. */
    private static boolean fetchedBySameOrigin(Context ctx) {
        String site = ctx.header("Sec-Fetch-Site");
        return site == null || site.equalsIgnoreCase("same-origin") || site.equalsIgnoreCase("none");
    }

    private static boolean ownOrigin(Context ctx, String origin) {
        URI uri = parse(origin);
        if (uri == null || uri.getScheme() == null || uri.getHost() == null || uri.getRawPath() != null
                && !uri.getRawPath().isEmpty()) {
            return false;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return false;
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return ownHost(ctx, uri.getHost()) && port == ctx.req().getLocalPort();
    }

    /** "host:port" of a Host header: a name of this server and the port the connection came in on. */
    private static boolean ownAuthority(Context ctx, String authority) {
        if (authority == null || authority.isBlank()) {
            return false;
        }
        URI uri = parse("http://" + authority.strip());
        if (uri == null || uri.getHost() == null || uri.getRawUserInfo() != null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())) {
            return false;
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : 80;
        return ownHost(ctx, uri.getHost()) && port == ctx.req().getLocalPort();
    }

    /** A loopback name or literal, or the literal address this connection came in on. Never looks a name up. */
    private static boolean ownHost(Context ctx, String host) {
        if (Loopback.host(host)) {
            return true;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        String local = ctx.req().getLocalAddr();
        return local != null && (h.matches("\\d{1,3}(\\.\\d{1,3}){3}") || h.contains(":"))
                && literalEquals(h, local);
    }

    private static boolean literalEquals(String a, String b) {
        try {
            return java.net.InetAddress.getByName(a).equals(java.net.InetAddress.getByName(b));
        } catch (Exception e) {
            return false;
        }
    }

    private static URI parse(String text) {
        try {
            return new URI(text.strip());
        } catch (Exception e) {
            return null;
        }
    }
}
