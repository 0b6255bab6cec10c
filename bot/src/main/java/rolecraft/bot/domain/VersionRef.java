package rolecraft.bot.domain;

import java.util.Map;

/** Names one version of one role. */
public record VersionRef(long roleId, int version) {

    /**
     * The version a reply names in its "ref" value ({@code {"role": 12, "version": 2}}), as NOTICE_NEW_DRAFT
     * and DECIDED do; null when the reply names none.
     */
    public static VersionRef of(Reply reply) {
        if (reply.params().get("ref") instanceof Map<?, ?> ref && ref.get("role") instanceof Number role
                && ref.get("version") instanceof Number version) {
            return new VersionRef(role.longValue(), version.intValue());
        }
        return null;
    }
}
