package rolecraft.adapters.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls to Slack's Web API with its errors handled one way: a rate limit is waited out as Retry-After says
 * (a few times, a bounded wait each), any other error is logged with the method's name and thrown, so the
 * caller keeps what it could not deliver.
 */
final class SlackApi {

    private static final Logger LOG = LoggerFactory.getLogger(SlackApi.class);
    static final int MAX_ATTEMPTS = 4;
    static final long MAX_WAIT_SECONDS = 30;

    /** One Web API call. */
    @FunctionalInterface
    interface Call<T> {
        T run(MethodsClient client) throws IOException, SlackApiException;
    }

    /** A Web API call that answered ok: false, or could not be made. */
    static final class Failure extends Exception {
        private final String error;

        Failure(String method, String error, Throwable cause) {
            super(method + " failed: " + error, cause);
            this.error = error;
        }

        String error() {
            return error;
        }
    }

    private final MethodsClient client;
    private final Sleeper sleeper;

    /** Waits between attempts; a seam so that tests need not wait. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long seconds) throws InterruptedException;
    }

    SlackApi(MethodsClient client) {
        this(client, seconds -> Thread.sleep(seconds * 1000));
    }

    SlackApi(MethodsClient client, Sleeper sleeper) {
        this.client = client;
        this.sleeper = sleeper;
    }

    /** Runs {@code call}, retrying rate limits; returns the ok response or throws a logged Failure. */
    <T extends SlackApiTextResponse> T call(String method, Call<T> call) throws Failure {
        for (int attempt = 1; ; attempt++) {
            long wait;
            try {
                T response = call.run(client);
                if (response.isOk()) {
                    return response;
                }
                if (!"ratelimited".equals(response.getError()) || attempt >= MAX_ATTEMPTS) {
                    LOG.warn("slack {} answered {}", method, response.getError());
                    throw new Failure(method, response.getError(), null);
                }
                wait = retryAfter(response.getHttpResponseHeaders());
            } catch (SlackApiException e) {
                if (e.getResponse().code() != 429 || attempt >= MAX_ATTEMPTS) {
                    String error = e.getError() != null ? e.getError().getError() : "http " + e.getResponse().code();
                    LOG.warn("slack {} failed: {}", method, error);
                    throw new Failure(method, error, e);
                }
                wait = retryAfter(e.getResponse().headers().toMultimap());
            } catch (IOException e) {
                LOG.warn("slack {} could not be reached: {}", method, e.toString());
                throw new Failure(method, "unreachable", e);
            }
            if (wait > MAX_WAIT_SECONDS) {
                LOG.warn("slack {} rate limited for {}s, given up", method, wait);
                throw new Failure(method, "ratelimited", null);
            }
            LOG.info("slack {} rate limited, retrying in {}s (attempt {})", method, wait, attempt + 1);
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failure(method, "interrupted", e);
            }
        }
    }

    /** Retry-After in seconds (header names in any case); 1 when absent or unreadable. */
    static long retryAfter(Map<String, List<String>> headers) {
        if (headers != null) {
            for (Map.Entry<String, List<String>> h : headers.entrySet()) {
                if (h.getKey() != null && h.getKey().equalsIgnoreCase("retry-after") && !h.getValue().isEmpty()) {
                    try {
                        return Math.max(0, Long.parseLong(h.getValue().get(0).strip()));
                    } catch (NumberFormatException e) {
                        return 1;
                    }
                }
            }
        }
        return 1;
    }
}
