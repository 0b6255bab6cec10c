package rolecraft.bot.store;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import rolecraft.bot.domain.Answer;
import rolecraft.bot.domain.ConversationState;
import rolecraft.bot.domain.Draft;
import rolecraft.bot.domain.Effect;
import rolecraft.bot.domain.InboxItem;
import rolecraft.bot.domain.Outcome;

/**
 * What the store holds of the people who spoke last, as their turns left it: their conversation, their active
 * draft and the version before it, and (when nothing has changed it since) the drafts waiting for them. Only
 * for SQLite, where this process is the database's only writer and every turn goes through one writer thread:
 * a turn that changes what another person's next turn would read forgets that part of them.
 *
 * <p>The least recently used people are forgotten beyond the capacity; forgetting costs one read next time.
 */
final class KnownConversations {

    /** People remembered at most (a few KB each). */
    static final int CAPACITY = 5_000;

    /**
     * One person's part of the store: {@code stored} when their conversation row exists; {@code displayName} as
     * last written by this process (null: not known); {@code inbox} null when it must be read.
     */
    record Known(boolean stored, String displayName, ConversationState state, Draft draft, Draft previous,
                 List<InboxItem> inbox) {

        Known withoutInbox() {
            return new Known(stored, displayName, state, draft, previous, null);
        }

        /** Throws when this differs from what the store holds (a check that tests switch on). */
        void check(Known fromStore, List<InboxItem> inboxFromStore) {
            differs("state", state, fromStore.state());
            differs("draft", draft, normal(fromStore.draft()));
            differs("previous version", previous, normal(fromStore.previous()));
            differs("row", stored, fromStore.stored());
            if (inbox != null) {
                differs("inbox", inbox, inboxFromStore);
            }
        }

        private static void differs(String what, Object known, Object stored) {
            if (!Objects.equals(known, stored)) {
                throw new IllegalStateException("what this process knew of a conversation's " + what
                        + " differs from the store: " + known + " vs " + stored);
            }
        }
    }

    private final int capacity;
    private final LinkedHashMap<String, Known> byPerson;

    KnownConversations(int capacity) {
        this.capacity = capacity;
        this.byPerson = new LinkedHashMap<>(256, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
                return size() > KnownConversations.this.capacity;
            }
        };
    }

    synchronized Known get(String person) {
        return byPerson.get(person);
    }

    synchronized void forget(String person) {
        byPerson.remove(person);
    }

    synchronized void clear() {
        byPerson.clear();
    }

    synchronized int size() {
        return byPerson.size();
    }

    private void forgetInbox(String person) {
        if (person != null) {
            byPerson.computeIfPresent(person, (p, k) -> k.withoutInbox());
        }
    }

    /**
     * Records what a turn of {@code person} left, and forgets what it changed for others. {@code loaded} is what
     * the turn started from; {@code inbox} and {@code target} what it read besides; {@code state} and {@code draft}
     * as the turn stored them.
     */
    synchronized void after(String person, String displayName, Known loaded, List<InboxItem> inbox, InboxItem target,
                            Outcome out, ConversationState state, Draft draft) {
        Draft before = loaded.draft();
        boolean wrote = draft != null && !draft.equals(before);
        if (wrote) {
            // A draft submitted, withdrawn or renamed changes what its managers see waiting.
            forgetInbox(draft.manager());
            if (before != null) {
                forgetInbox(before.manager());
            }
        }
        boolean decided = false;
        for (Effect effect : out.effects()) {
            if (effect instanceof Effect.Decide dec) {
                decided = true;
                if (target != null && target.draft().ref().equals(dec.ref())) {
                    // The employee's draft now carries the decision; the manager's inbox lost it.
                    byPerson.remove(target.draft().employee());
                    forgetInbox(target.draft().manager());
                } else {
                    byPerson.clear();
                }
            }
        }
        Known next = next(displayName, loaded, state, draft);
        if (next == null || (decided && Objects.equals(next.state().roleId(), target == null ? null
                : target.draft().roleId()))) {
            byPerson.remove(person);
            return;
        }
        boolean ownInboxChanged = decided || (wrote && person.equals(draft.manager()));
        byPerson.put(person, ownInboxChanged ? next : new Known(true, displayName, state, next.draft(),
                next.previous(), inbox));
    }

    /** The person's draft and the version before it after the turn, or null when that cannot be told for sure. */
    private static Known next(String displayName, Known loaded, ConversationState state, Draft draft) {
        Draft before = loaded.draft();
        if (draft == null) {
            if (state.roleId() == null) {
                return new Known(true, displayName, state, null, null, null);
            }
            if (before != null && state.roleId().equals(before.roleId())) {
                return new Known(true, displayName, state, before, loaded.previous(), null);
            }
            return null;
        }
        if (!Objects.equals(state.roleId(), draft.roleId())) {
            return null;
        }
        Draft previous;
        if (before != null && Objects.equals(before.roleId(), draft.roleId())) {
            if (before.version() == draft.version()) {
                previous = loaded.previous();
            } else if (draft.version() == before.version() + 1) {
                previous = before;
            } else {
                return null;
            }
        } else if (draft.version() == 1) {
            previous = null;
        } else {
            return null;
        }
        return new Known(true, displayName, state, normal(draft), previous, null);
    }

    /** A draft as the store gives it back: answers in question order. */
    static Draft normal(Draft d) {
        if (d == null || d.answers().size() < 2) {
            return d;
        }
        return d.withAnswers(d.answers().stream().sorted(Comparator.comparing(Answer::question)).toList());
    }
}
