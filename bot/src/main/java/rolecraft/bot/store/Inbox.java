package rolecraft.bot.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages surfaces took and acknowledged whose turns have not run yet (SQLite only), as an append-only log
 * in a folder beside the store's file ({@code rolecraft.db} keeps it in {@code rolecraft.inbox/}).
 *
 * <p>A platform waits for the acknowledgement, so keeping a message costs one write into the operating system's
 * file cache on the request's own thread, under a lock held only for that write: no transaction, no wait for the
 * store's writer. Written there, a message survives the process being killed at any moment, as a commit of the
 * store does with {@code synchronous=NORMAL}; a thread of its own syncs the log to the disk twice a second, so
 * that an operating-system crash loses at most the last moments, as the store would. Each record carries a
 * checksum: one cut short by a crash is not taken for a message.
 *
 * <p>The turn marks the message processed in the store; only then is its record marked done here. A process
 * stopped between the two leaves it pending, and its turn at the next start finds it processed: applied once
 * either way. A log file whose records are all done is deleted.
 */
final class Inbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);
    /** A log file takes new records until it holds this many bytes; one record larger than that has one alone. */
    static final long FILE_BYTES = 4L << 20;
    /** length, checksum, done, spare (one int each), then the order taken (a long). */
    private static final int HEADER = 24;
    private static final int DONE_AT = 8;
    private static final int ORDER_AT = 16;
    private static final long SYNC_MS = 500;
    private static final String SUFFIX = ".log";
    /** How many logs the inbox spreads people over. */
    static final int LOGS = 16;
    /** Message ids whose turns ran here lately: a platform's retry of one is refused without any read. */
    private static final int RECENT = 65_536;

    /** A message kept and not yet done, where its record is, and its place in the order taken. */
    record Kept(long order, String messageId, String surface, String person, String payload, Segment segment,
                long offset) {
    }

    /** One log file: its records not yet done are counted, and it is deleted when none is left. */
    static final class Segment {
        final Log log;
        final Path file;
        final FileChannel channel;
        /** Records written and not yet done (guarded by the log's lock). */
        int pending;

        Segment(Log log, Path file, FileChannel channel) {
            this.log = log;
            this.file = file;
            this.channel = channel;
        }
    }

    /**
     * One of the inbox's logs, each with its lock and its files: a person's messages all go to the same one, in
     * the order taken, and people spread over {@link #LOGS} of them, so that requests arriving together seldom
     * wait for one another's write.
     */
    final class Log {
        final int shard;
        /** The file taking new records; null until the first. Guarded by this log. */
        Segment current;
        long position;
        /** The highest file number this log has had. */
        long last;

        Log(int shard) {
            this.shard = shard;
        }
    }

    private final Path folder;
    /** Kept messages not yet done, by message id. */
    private final Map<String, Kept> pending = new ConcurrentHashMap<>();
    /** The same by person, in the order taken (each person's map guarded by the map's compute). */
    private final Map<String, TreeMap<Long, Kept>> byPerson = new ConcurrentHashMap<>();
    private final Log[] logs = new Log[LOGS];
    /** Every file with pending records, and each log's current one, by name. */
    private final Map<Path, Segment> segments = new ConcurrentHashMap<>();
    private final java.util.Set<String> recent = ConcurrentHashMap.newKeySet();
    private final String[] recentRing = new String[RECENT];
    private final java.util.concurrent.atomic.AtomicInteger recentNext = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean closing;
    /** The order messages were taken in, across the logs (carried on from what an earlier process left). */
    private final java.util.concurrent.atomic.AtomicLong taken = new java.util.concurrent.atomic.AtomicLong();
    private final ScheduledExecutorService sync;
    /** Held while this inbox is open: one process at a time appends to a folder. */
    private FileChannel lockFile;
    private java.nio.channels.FileLock held;
    /** Stores of this process using this inbox (two stores on one file share it); guarded by OPEN. */
    private int users;
    private static final Map<Path, Inbox> OPEN = new java.util.HashMap<>();

    private Inbox(Path folder) {
        this.folder = folder;
        for (int i = 0; i < LOGS; i++) {
            logs[i] = new Log(i);
        }
        this.sync = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rolecraft-inbox-sync");
            t.setDaemon(true);
            return t;
        });
    }

    /** The folder beside the store file {@code store}: {@code x.db} keeps its inbox in {@code x.inbox}. */
    static Path beside(Path store) {
        String name = store.getFileName().toString();
        String base = name.endsWith(".db") ? name.substring(0, name.length() - 3) : name;
        return store.resolveSibling(base + ".inbox");
    }

    /**
     * The inbox in {@code folder}, opened by the first store of this process that needs it and shared by the
     * others on the same file; each {@link #release}s it.
     */
    static Inbox acquire(Path folder) {
        Path key = folder.toAbsolutePath().normalize();
        synchronized (OPEN) {
            Inbox inbox = OPEN.get(key);
            if (inbox == null) {
                inbox = open(key);
                OPEN.put(key, inbox);
            }
            inbox.users++;
            return inbox;
        }
    }

    /** One store of this process is done with the inbox; the last one closes it. */
    void release() {
        synchronized (OPEN) {
            if (--users > 0) {
                return;
            }
            OPEN.remove(folder);
        }
        close();
    }

    /**
     * Opens the inbox in {@code folder} (created if missing): reads what earlier processes kept and did not mark
     * done, deletes the files that hold nothing pending, and starts a new file for what comes next. Another
     * process that has it open keeps it: this one is refused.
     */
    static Inbox open(Path folder) {
        Inbox inbox = new Inbox(folder);
        try {
            Files.createDirectories(folder);
            inbox.lockFile = FileChannel.open(folder.resolve("lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            try {
                inbox.held = inbox.lockFile.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                // This process holds it through another inbox object (stores share one through acquire).
                inbox.held = null;
            }
            if (inbox.held == null) {
                inbox.lockFile.close();
                throw new StoreException("another rolecraft process is taking messages into " + folder
                        + ": one serve at a time on a SQLite store", null);
            }
            List<Path> files;
            try (Stream<Path> list = Files.list(folder)) {
                files = list.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
            }
            for (Path f : files) {
                long[] name = name(f);
                if (name == null) {
                    continue;
                }
                Log log = inbox.logs[(int) name[0]];
                log.last = Math.max(log.last, name[1]);
                inbox.recover(log, f);
            }
        } catch (StoreException e) {
            inbox.closeFiles();
            throw e;
        } catch (IOException | RuntimeException e) {
            inbox.closeFiles();
            throw new StoreException("cannot open the inbox at " + folder + ": " + e.getMessage(), e);
        }
        inbox.sync.scheduleWithFixedDelay(inbox::syncNow, SYNC_MS, SYNC_MS, TimeUnit.MILLISECONDS);
        return inbox;
    }

    /** The log and file number a file's name gives ({@code 03-0000000000000012.log}), or null. */
    private static long[] name(Path f) {
        String name = f.getFileName().toString();
        int dash = name.indexOf('-');
        try {
            long shard = Long.parseLong(name.substring(0, dash));
            long number = Long.parseLong(name.substring(dash + 1, name.length() - SUFFIX.length()));
            return shard >= 0 && shard < LOGS ? new long[] {shard, number} : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private Path file(int shard, long number) {
        return folder.resolve(String.format("%02d-%016d%s", shard, number, SUFFIX));
    }

    /** Reads one file of an earlier process: its pending records are kept again, and it goes when none is left. */
    private void recover(Log log, Path f) throws IOException {
        FileChannel channel = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE);
        Segment segment = new Segment(log, f, channel);
        long size = channel.size();
        ByteBuffer all = ByteBuffer.allocate((int) Math.min(size, Integer.MAX_VALUE - 8));
        while (all.hasRemaining() && channel.read(all, all.position()) > 0) {
            // Reads the whole file.
        }
        all.flip();
        int at = 0;
        boolean torn = false;
        while (at + HEADER <= all.limit()) {
            int length = all.getInt(at);
            if (length <= 0 || at + HEADER + (long) length > all.limit()) {
                torn = length != 0;
                break;
            }
            int crc = all.getInt(at + 4);
            long order = all.getLong(at + ORDER_AT);
            byte[] body = new byte[length];
            all.get(at + HEADER, body);
            if (crc(order, body) != crc) {
                torn = true;
                break;
            }
            taken.accumulateAndGet(order, Math::max);
            if (all.getInt(at + DONE_AT) == 0) {
                Kept k = decode(order, body, segment, at);
                if (pending.putIfAbsent(k.messageId(), k) == null) {
                    segment.pending++;
                    index(k);
                }
            }
            at += HEADER + padded(length);
        }
        if (torn) {
            // A record the process was writing when it stopped: never acknowledged, so nothing is lost.
            LOG.info("inbox {}: the record at byte {} was cut short and is ignored", f.getFileName(), at);
        }
        if (segment.pending == 0) {
            channel.close();
            Files.deleteIfExists(f);
        } else {
            segments.put(f, segment);
        }
    }

    /** Starts a new file for {@code log}; called with its lock held. */
    private void roll(Log log) throws IOException {
        if (log.current != null && log.current.pending == 0) {
            retire(log.current);
        }
        long number = ++log.last;
        Path f = file(log.shard, number);
        FileChannel channel = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        log.current = new Segment(log, f, channel);
        log.position = 0;
        segments.put(f, log.current);
    }

    /**
     * Keeps a message; false when one with this id is kept already and not yet done (a platform's retry of a
     * message whose turn is still to come). In the operating system's hands when this returns.
     */
    boolean keep(String messageId, String surface, String person, String payload) {
        // Claimed first, so that two deliveries of one message at once are written once.
        Kept claim = new Kept(Long.MAX_VALUE, messageId, surface, person, payload, null, -1);
        if (recent.contains(messageId) || pending.putIfAbsent(messageId, claim) != null) {
            return false;
        }
        Log log = logs[Math.floorMod(person == null ? messageId.hashCode() : person.hashCode(), LOGS)];
        Kept kept;
        try {
            byte[] body = encode(messageId, surface, person, payload);
            ByteBuffer record = ByteBuffer.allocate(HEADER + padded(body.length));
            record.putInt(0, body.length).put(HEADER, body);
            synchronized (log) {
                if (closing) {
                    throw new StoreException("the inbox is closed", null);
                }
                if (log.current == null || log.position > 0 && log.position + record.capacity() > FILE_BYTES) {
                    roll(log);
                }
                Segment in = log.current;
                long at = log.position;
                long order = taken.incrementAndGet();
                record.putLong(ORDER_AT, order).putInt(4, crc(order, body));
                while (record.hasRemaining()) {
                    in.channel.write(record, at + record.position());
                }
                log.position += record.capacity();
                in.pending++;
                kept = new Kept(order, messageId, surface, person, payload, in, at);
            }
        } catch (IOException | RuntimeException e) {
            pending.remove(messageId, claim);
            throw new StoreException("cannot keep message " + messageId + ": " + e.getMessage(), e);
        }
        pending.put(messageId, kept);
        index(kept);
        return true;
    }

    /** Marks a message done: its turn has run, or was found a repeat. Nothing happens for one not kept here. */
    void done(String messageId) {
        Kept k = pending.get(messageId);
        if (k == null || k.segment() == null) {
            return;
        }
        try {
            k.segment().channel.write(ByteBuffer.allocate(4).putInt(0, 1), k.offset() + DONE_AT);
        } catch (IOException e) {
            // Left pending, it is run again at the next start and found processed: nothing is applied twice.
            LOG.warn("inbox: could not mark message {} done: {}", messageId, e.getMessage());
        }
        if (!pending.remove(messageId, k)) {
            return;
        }
        remember(messageId);
        unindex(k);
        Segment s = k.segment();
        synchronized (s.log) {
            s.pending--;
            if (s.pending == 0 && s != s.log.current) {
                retire(s);
            }
        }
    }

    /** The payloads of what {@code person} sent that is kept and not done, oldest first. */
    List<String> of(String person) {
        return keptBy(person).stream().map(Kept::payload).toList();
    }

    private List<Kept> keptBy(String person) {
        List<Kept> out = new ArrayList<>();
        byPerson.computeIfPresent(person, (p, kept) -> {
            out.addAll(kept.values());
            return kept;
        });
        return out;
    }

    /**
     * Marks done what {@code person} sent that is kept, each record's text first overwritten with blanks (and its
     * checksum made anew), so that the log keeps no copy of it; returns how many.
     */
    int forget(String person) {
        List<Kept> theirs = keptBy(person);
        for (Kept k : theirs) {
            int length = encode(k.messageId(), k.surface(), k.person(), k.payload()).length;
            byte[] blank = ("{}" + " ".repeat(length - 2)).getBytes(StandardCharsets.UTF_8);
            ByteBuffer record = ByteBuffer.allocate(HEADER + padded(length));
            record.putInt(0, length).putInt(4, crc(k.order(), blank)).putInt(DONE_AT, 1)
                    .putLong(ORDER_AT, k.order()).put(HEADER, blank);
            try {
                while (record.hasRemaining()) {
                    k.segment().channel.write(record, k.offset() + record.position());
                }
            } catch (IOException e) {
                throw new StoreException("cannot delete kept message " + k.messageId() + ": " + e.getMessage(), e);
            }
            done(k.messageId());
        }
        return theirs.size();
    }

    /** Notes a message whose turn ran, forgetting the oldest such note beyond {@link #RECENT}. */
    private void remember(String messageId) {
        int slot = Math.floorMod(recentNext.getAndIncrement(), RECENT);
        String old = recentRing[slot];
        recentRing[slot] = messageId;
        if (old != null) {
            recent.remove(old);
        }
        recent.add(messageId);
    }

    /** What {@code person} sent that was kept before {@code messageId} and is not done, oldest first. */
    List<String> before(String person, String messageId) {
        Kept target = pending.get(messageId);
        if (target == null || person == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        byPerson.computeIfPresent(person, (p, kept) -> {
            kept.headMap(target.order(), false).values().forEach(k -> out.add(k.payload()));
            return kept;
        });
        return out;
    }

    /** Every message kept from {@code surface} and not done, oldest first. */
    List<String> on(String surface) {
        return pending.values().stream().filter(k -> k.segment() != null && k.surface().equals(surface))
                .sorted(Comparator.comparingLong(Kept::order)).map(Kept::payload).toList();
    }

    /** How many messages are kept and not done. */
    int size() {
        return (int) pending.values().stream().filter(k -> k.segment() != null).count();
    }

    private void index(Kept k) {
        if (k.person() != null) {
            byPerson.compute(k.person(), (p, kept) -> {
                TreeMap<Long, Kept> m = kept == null ? new TreeMap<>() : kept;
                m.put(k.order(), k);
                return m;
            });
        }
    }

    private void unindex(Kept k) {
        if (k.person() != null) {
            byPerson.computeIfPresent(k.person(), (p, kept) -> {
                kept.remove(k.order());
                return kept.isEmpty() ? null : kept;
            });
        }
    }

    /** Closes and deletes a file with nothing pending; called with its log's lock held. */
    private void retire(Segment s) {
        segments.remove(s.file);
        try {
            s.channel.close();
            Files.deleteIfExists(s.file);
        } catch (IOException e) {
            LOG.warn("inbox: could not delete {}: {}", s.file.getFileName(), e.getMessage());
        }
    }

    /** Puts what was written on the disk (not only in the file cache), off every request's path. */
    private void syncNow() {
        for (Segment s : segments.values()) {
            try {
                if (s.channel.isOpen()) {
                    s.channel.force(false);
                }
            } catch (java.nio.channels.ClosedChannelException e) {
                // Retired meanwhile: all its records are done.
            } catch (IOException e) {
                LOG.warn("inbox: sync of {} failed, tried again later: {}", s.file.getFileName(), e.getMessage());
            }
        }
    }

    private static int padded(int length) {
        return (length + 7) & ~7;
    }

    private static int crc(long order, byte[] body) {
        CRC32C c = new CRC32C();
        c.update(ByteBuffer.allocate(8).putLong(0, order));
        c.update(body);
        // Never 0, so that a record is never taken for the zeros after the last one.
        return (int) c.getValue() | 1;
    }

    /** What a record's body holds, as JSON. */
    record Body(String messageId, String surface, String person, String payload) {
    }

    private static byte[] encode(String messageId, String surface, String person, String payload) {
        return Json.write(new Body(messageId, surface, person, payload)).getBytes(StandardCharsets.UTF_8);
    }

    private static Kept decode(long order, byte[] body, Segment segment, long offset) {
        Body b = Json.read(new String(body, StandardCharsets.UTF_8), Body.class);
        return new Kept(order, b.messageId(), b.surface(), b.person(), b.payload(), segment, offset);
    }

    /** Closes the inbox (a store {@link #release}s it instead: other stores may share it). */
    @Override
    public void close() {
        sync.shutdown();
        try {
            sync.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closing = true;
        for (Log log : logs) {
            synchronized (log) {
                // Waits for a write under way.
            }
        }
        syncNow();
        closeFiles();
    }

    private void closeFiles() {
        try {
            if (held != null) {
                held.release();
            }
            if (lockFile != null) {
                lockFile.close();
            }
        } catch (IOException e) {
            LOG.warn("inbox: releasing {}: {}", folder, e.getMessage());
        }
        for (Segment s : segments.values()) {
            try {
                s.channel.close();
                if (s.pending == 0) {
                    Files.deleteIfExists(s.file);
                }
            } catch (IOException e) {
                LOG.warn("inbox: closing {}: {}", s.file.getFileName(), e.getMessage());
            }
        }
    }
}
