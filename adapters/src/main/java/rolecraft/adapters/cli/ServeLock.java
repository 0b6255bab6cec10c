package rolecraft.adapters.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One {@code serve} per SQLite file: a lock on a small file beside it ({@code rolecraft.db.lock}), held while the
 * process runs and let go by the operating system when it ends, however it ends. A {@code chat} or {@code export}
 * beside a {@code serve} takes no such lock: SQLite lets them share the file.
 */
final class ServeLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private ServeLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static Path fileOf(Path db) {
        Path absolute = db.toAbsolutePath();
        return absolute.resolveSibling(absolute.getFileName() + ".lock");
    }

    /** Takes the lock of {@code db}, or says in one sentence that another serve holds it. */
    static ServeLock take(Path db) {
        Path file = fileOf(db);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
                channel.close();
                throw new IllegalArgumentException("another rolecraft serve"
                        + (holder.isEmpty() ? "" : " (process " + holder + ")") + " is already using "
                        + db.toAbsolutePath() + "; stop it first, or give this one another --db");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid())
                    .getBytes(StandardCharsets.UTF_8)), 0);
            return new ServeLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new IllegalArgumentException("cannot lock " + file + " to serve " + db.toAbsolutePath() + ": "
                    + e.getMessage());
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing held yet
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel's close lets it go as well
        }
        closeQuietly(channel);
    }
}
