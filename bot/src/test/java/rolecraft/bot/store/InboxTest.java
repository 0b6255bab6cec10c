package rolecraft.bot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboxTest {

    @TempDir
    Path dir;

    /** The folder as the disk holds it at this moment: what a process killed now would leave. */
    private Path leftAsKilled(Path folder, String name) throws IOException {
        Path copy = dir.resolve(name);
        Files.createDirectories(copy);
        try (var files = Files.list(folder)) {
            for (Path f : files.toList()) {
                if (f.getFileName().toString().endsWith(".log")) {
                    Files.copy(f, copy.resolve(f.getFileName()));
                }
            }
        }
        return copy;
    }

    private static List<Path> logs(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList();
        }
    }

    @Test
    void what_is_kept_and_not_done_is_found_again_in_the_order_taken_and_the_rest_is_gone() throws Exception {
        Path folder = dir.resolve("a.inbox");
        Inbox inbox = Inbox.open(folder);
        for (int i = 1; i <= 40; i++) {
            assertThat(inbox.keep("slack:Ev" + i, "slack", "slack:T1:U" + (i % 7), "payload " + i)).isTrue();
        }
        assertThat(inbox.keep("teams:a1", "teams", "teams:t:x", "from teams")).isTrue();
        for (int i = 1; i <= 40; i += 2) {
            inbox.done("slack:Ev" + i);
        }
        Path killed = leftAsKilled(folder, "killed.inbox");
        inbox.close();

        Inbox again = Inbox.open(killed);
        List<String> expected = new ArrayList<>();
        for (int i = 2; i <= 40; i += 2) {
            expected.add("payload " + i);
        }
        assertThat(again.on("slack")).containsExactlyElementsOf(expected);
        assertThat(again.on("teams")).containsExactly("from teams");
        assertThat(again.size()).isEqualTo(21);
        // What comes after a restart is taken after what was left.
        assertThat(again.keep("slack:Ev41", "slack", "slack:T1:U6", "payload 41")).isTrue();
        assertThat(again.on("slack")).last().isEqualTo("payload 41");
        for (int i = 2; i <= 41; i += 2) {
            again.done("slack:Ev" + i);
        }
        again.done("slack:Ev41");
        again.done("teams:a1");
        assertThat(again.size()).isZero();
        again.close();
        assertThat(logs(killed)).as("files with nothing pending are deleted").isEmpty();
        assertThat(Inbox.open(killed)).satisfies(i -> {
            assertThat(i.size()).isZero();
            i.close();
        });
    }

    @Test
    void a_record_cut_short_by_a_stop_is_ignored_and_those_before_it_are_kept() throws Exception {
        Path folder = dir.resolve("b.inbox");
        Inbox inbox = Inbox.open(folder);
        String person = "slack:T1:U1";
        inbox.keep("slack:Ev1", "slack", person, "first");
        inbox.keep("slack:Ev2", "slack", person, "second");
        inbox.keep("slack:Ev3", "slack", person, "x".repeat(10_000));
        Path killed = leftAsKilled(folder, "cut.inbox");
        inbox.close();
        Path log = logs(killed).get(0);
        // The last write reached the file only in part.
        try (FileChannel c = FileChannel.open(log, StandardOpenOption.WRITE)) {
            c.truncate(c.size() - 5_000);
        }
        Inbox again = Inbox.open(killed);
        assertThat(again.on("slack")).containsExactly("first", "second");
        again.close();

        // A changed byte inside a record fails its checksum: it and what follows it in that file are not taken.
        Path flipped = leftAsKilled(killed, "flipped.inbox");
        try (FileChannel c = FileChannel.open(logs(flipped).get(0), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            c.read(b, 30);
            b.put(0, (byte) (b.get(0) ^ 0x20));
            c.write(b.position(0), 30);
        }
        Inbox third = Inbox.open(flipped);
        assertThat(third.on("slack")).isEmpty();
        third.close();
    }

    @Test
    void a_retry_is_kept_once_while_its_turn_is_coming_and_refused_after_it_ran() throws Exception {
        Inbox inbox = Inbox.open(dir.resolve("c.inbox"));
        assertThat(inbox.keep("slack:Ev1", "slack", "slack:T1:U1", "p")).isTrue();
        assertThat(inbox.keep("slack:Ev1", "slack", "slack:T1:U1", "p")).as("retry while waiting").isFalse();
        inbox.done("slack:Ev1");
        assertThat(inbox.keep("slack:Ev1", "slack", "slack:T1:U1", "p")).as("retry after its turn").isFalse();
        assertThat(inbox.size()).isZero();

        // Sixteen deliveries of one message at once: one is kept.
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Boolean>> tries = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            tries.add(pool.submit(() -> inbox.keep("slack:Ev2", "slack", "slack:T1:U1", "p2")));
        }
        int kept = 0;
        for (Future<Boolean> f : tries) {
            kept += f.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(kept).isEqualTo(1);
        assertThat(inbox.on("slack")).containsExactly("p2");
        inbox.close();
    }

    @Test
    void what_a_person_sent_before_a_message_is_theirs_alone_oldest_first() {
        Inbox inbox = Inbox.open(dir.resolve("d.inbox"));
        inbox.keep("m1", "slack", "alice", "a1");
        inbox.keep("m2", "slack", "bob", "b1");
        inbox.keep("m3", "slack", "alice", "a2");
        inbox.keep("m4", "slack", "alice", "a3");
        assertThat(inbox.before("alice", "m4")).containsExactly("a1", "a2");
        assertThat(inbox.before("alice", "m1")).isEmpty();
        assertThat(inbox.before("bob", "m2")).isEmpty();
        inbox.done("m1");
        assertThat(inbox.before("alice", "m4")).containsExactly("a2");
        assertThat(inbox.before("alice", "unknown")).isEmpty();
        inbox.close();
    }

    @Test
    void many_messages_spread_over_files_and_a_file_goes_once_all_its_messages_are_done() throws Exception {
        Path folder = dir.resolve("e.inbox");
        Inbox inbox = Inbox.open(folder);
        String big = "y".repeat(600_000);
        // One person: one log, so its files follow one another.
        for (int i = 0; i < 20; i++) {
            inbox.keep("m" + i, "slack", "alice", big + i);
        }
        int files = logs(folder).size();
        assertThat(files).as("12 MB in 4 MB files").isGreaterThanOrEqualTo(3);
        for (int i = 0; i < 10; i++) {
            inbox.done("m" + i);
        }
        assertThat(logs(folder).size()).as("the files whose messages are all done are deleted").isLessThan(files);
        assertThat(inbox.on("slack")).hasSize(10).allMatch(p -> p.startsWith(big));
        Path killed = leftAsKilled(folder, "e2.inbox");
        inbox.close();
        Inbox again = Inbox.open(killed);
        assertThat(again.on("slack")).hasSize(10).last().isEqualTo(big + 19);
        again.close();
    }

    @Test
    void a_second_process_on_the_same_inbox_is_refused_and_stores_of_one_process_share_it() {
        Path folder = dir.resolve("f.inbox");
        Inbox first = Inbox.acquire(folder);
        assertThatThrownBy(() -> Inbox.open(folder)).isInstanceOf(StoreException.class)
                .hasMessageContaining("one serve at a time");
        Inbox second = Inbox.acquire(folder);
        assertThat(second).isSameAs(first);
        first.keep("m1", "slack", "alice", "a1");
        second.release();
        assertThat(first.on("slack")).as("still open for the other store").containsExactly("a1");
        first.release();
        Inbox reopened = Inbox.acquire(folder);
        assertThat(reopened).isNotSameAs(first);
        assertThat(reopened.on("slack")).containsExactly("a1");
        reopened.release();
    }
}
