package rolecraft.bot.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One version of a role: its title, manager, tasks and answers. {@code roleId} is null until the
 * store has saved a new role; {@code decision} is set once the manager has decided on it.
 */
public record Draft(Long roleId, int version, Status status, String employee, String manager, String title,
                    List<Task> tasks, List<Answer> answers, Instant createdAt, Instant submittedAt,
                    Instant decidedAt, Decision decision) {

    public Draft {
        tasks = List.copyOf(tasks);
        answers = List.copyOf(answers);
    }

    /** The first version of a new role. */
    public static Draft start(String employee, Instant now) {
        return new Draft(null, 1, Status.DRAFTING, employee, null, null, List.of(), List.of(), now, null, null, null);
    }

    public VersionRef ref() {
        return new VersionRef(roleId, version);
    }

    public boolean locked() {
        return status != Status.DRAFTING;
    }

    public Draft withRoleId(long id) {
        return new Draft(id, version, status, employee, manager, title, tasks, answers, createdAt, submittedAt,
                decidedAt, decision);
    }

    public Draft withTitle(String value) {
        return new Draft(roleId, version, status, employee, manager, value, tasks, answers, createdAt, submittedAt,
                decidedAt, decision);
    }

    public Draft withManager(String value) {
        return new Draft(roleId, version, status, employee, value, title, tasks, answers, createdAt, submittedAt,
                decidedAt, decision);
    }

    public Draft withTasks(List<Task> value) {
        return new Draft(roleId, version, status, employee, manager, title, value, answers, createdAt, submittedAt,
                decidedAt, decision);
    }

    public Draft withAnswers(List<Answer> value) {
        return new Draft(roleId, version, status, employee, manager, title, tasks, value, createdAt, submittedAt,
                decidedAt, decision);
    }

    public Draft submitted(Instant at) {
        return new Draft(roleId, version, Status.SUBMITTED, employee, manager, title, tasks, answers, createdAt, at,
                null, null);
    }

    /** The next version, open for changes, carrying this one's content. */
    public Draft reopened(Instant now) {
        return new Draft(roleId, version + 1, Status.DRAFTING, employee, manager, title, tasks, answers, now, null,
                null, null);
    }

    /** Empties the content but keeps who and which version it is. */
    public Draft cleared() {
        return new Draft(roleId, version, Status.DRAFTING, employee, null, null, List.of(), List.of(), createdAt,
                null, null, null);
    }

    public Optional<Answer> answer(Question q) {
        return answers.stream().filter(a -> a.question() == q).findFirst();
    }

    /** Sets or replaces the answer to {@code q}, keeping the questions' order. */
    public Draft withAnswer(Answer answer) {
        List<Answer> next = new ArrayList<>();
        for (Question q : Question.values()) {
            if (q == answer.question()) {
                next.add(answer);
            } else {
                answer(q).ifPresent(next::add);
            }
        }
        return withAnswers(next);
    }
}
