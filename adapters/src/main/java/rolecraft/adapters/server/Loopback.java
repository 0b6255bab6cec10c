package rolecraft.adapters.server;

import java.net.InetAddress;
import java.net.URI;

/** Whether an address or a URL's host is this machine: 127.0.0.0/8, ::1 or localhost. Never looks a name up. */
public final class Loopback {

    private Loopback() {
    }

    /** An address or host name: "127.0.0.1", "::1", "[::1]", "localhost". */
    public static boolean host(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        String h = host.strip();
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        // Only literals: a name is never resolved, so a lookup can neither stall nor be spoofed.
        if (!h.matches("\\d{1,3}(\\.\\d{1,3}){3}") && !h.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (Exception e) {
            return false;
        }
    }

    /** The host of a URL such as a Bot Framework service URL. */
    public static boolean url(String url) {
        if (url == null) {
            return false;
        }
        try {
            return host(URI.create(url).getHost());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
