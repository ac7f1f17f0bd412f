package org.transformerguide.playground.service;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The playground's waiting line: fair between learners, bounded in size, and independent of what
 * consumes it. Each learner (an account, or a browser session when signed out; never an IP address, since
 * a workshop room shares one) has a FIFO per {@link Lane}; at most one job of each learner and lane runs
 * at a time, and learners take turns (round robin), so one learner pressing Generate ten times waits
 * behind themselves, not in front of everyone else.
 *
 * <p>Consumers call {@link #take} (blocking) or {@link #poll} (not blocking) and {@link #finished} once
 * the job has really stopped running. Today a few worker threads take one job each; a batching loop can
 * poll every job it can admit at each step instead, without the queue changing.
 */
public final class InferenceQueue {

    /** Kinds of work that do not wait for each other within one learner. */
    public enum Lane {
        /** Streams that take seconds: generation, the XOR trainer. */
        STREAM,
        /** One forward pass: next token, attention, logit lens, tokenize, embeddings. */
        STEP
    }

    /** What the queue needs of a job: where it stands and whom to tell when that changes. */
    public abstract static class Entry {
        private final String learner;
        private final Lane lane;
        private Turn turn;          // guarded by the queue's lock
        private int state;          // WAITING, RUNNING, DONE; guarded by the queue's lock
        private int told = -1;      // the last position sent; guarded by the queue's lock
        final long enqueuedNanos = System.nanoTime();

        protected Entry(String learner, Lane lane) {
            this.learner = learner;
            this.lane = lane;
        }

        /** Told (on the queue's notifier, never under its lock) how many jobs will start before this one. */
        protected abstract void positionChanged(int ahead);
    }

    private static final int WAITING = 0;
    private static final int RUNNING = 1;
    private static final int DONE = 2;

    /** One learner's line in one lane. */
    private static final class Turn {
        final ArrayDeque<Entry> waiting = new ArrayDeque<>();
        boolean running;
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, Turn> turns = new HashMap<>();
    /** Lines with jobs waiting, in the order they get their next turn. */
    private final ArrayDeque<Turn> rotation = new ArrayDeque<>();
    private final int capacity;
    private final java.util.function.Consumer<Runnable> notifier;
    private int waitingCount;
    private int runningCount;

    /**
     * @param capacity how many jobs may wait beyond those that can start at once
     * @param notifier runs position notices (off the caller's thread, in order)
     */
    public InferenceQueue(int capacity, java.util.function.Consumer<Runnable> notifier) {
        this.capacity = Math.max(0, capacity);
        this.notifier = notifier;
    }

    /**
     * Adds {@code entry} at the end of its learner's line, unless the queue is full: more than
     * {@code capacity} jobs would be waiting beyond those of {@code slots} consumers that could start now.
     * (The free slots are counted under the queue's lock: counted before it, a job taken meanwhile would
     * leave a stale count that lets one job too many wait.)
     *
     * @return the number of jobs ahead of it, or -1 if it was refused
     */
    public int offer(Entry entry, int slots) {
        List<Runnable> notices;
        int ahead;
        lock.lock();
        try {
            if (waitingCount >= capacity + Math.max(0, slots - runningCount)) {
                return -1;
            }
            String key = entry.learner + '\u0000' + entry.lane;
            Turn turn = turns.computeIfAbsent(key, k -> new Turn());
            entry.turn = turn;
            entry.state = WAITING;
            if (turn.waiting.isEmpty()) {
                rotation.addLast(turn);
            }
            turn.waiting.addLast(entry);
            waitingCount++;
            ahead = ahead(entry);
            entry.told = ahead;
            notices = positions();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        deliver(notices);
        return ahead;
    }

    /** The next job whose learner has nothing running in its lane, waiting at most {@code timeout}; null if none. */
    public Entry take(long timeout, TimeUnit unit) throws InterruptedException {
        long left = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            Entry next;
            while ((next = next()) == null) {
                if (left <= 0) {
                    return null;
                }
                left = changed.awaitNanos(left);
            }
            return started(next);
        } finally {
            lock.unlock();
        }
    }

    /** The next job that can start now, or null: for a loop that admits new jobs between its steps. */
    public Entry poll() {
        lock.lock();
        try {
            Entry next = next();
            return next == null ? null : started(next);
        } finally {
            lock.unlock();
        }
    }

    /** Marks a job taken by {@link #take} or {@link #poll} as stopped: its learner's next job may start. */
    public void finished(Entry entry) {
        List<Runnable> notices = List.of();
        lock.lock();
        try {
            if (entry.state == RUNNING) {
                entry.state = DONE;
                entry.turn.running = false;
                runningCount--;
                forgetIfIdle(entry);
                notices = positions();
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
        deliver(notices);
    }

    /** Takes a job out of the line before it started; false if it has started (or ended) already. */
    public boolean remove(Entry entry) {
        List<Runnable> notices;
        lock.lock();
        try {
            if (entry.state != WAITING || entry.turn == null) {
                return false;
            }
            entry.state = DONE;
            entry.turn.waiting.remove(entry);
            waitingCount--;
            if (entry.turn.waiting.isEmpty()) {
                rotation.remove(entry.turn);
            }
            forgetIfIdle(entry);
            notices = positions();
        } finally {
            lock.unlock();
        }
        deliver(notices);
        return true;
    }

    public int waiting() {
        lock.lock();
        try {
            return waitingCount;
        } finally {
            lock.unlock();
        }
    }

    public int running() {
        lock.lock();
        try {
            return runningCount;
        } finally {
            lock.unlock();
        }
    }

    /**
     * How many jobs would start before {@code entry} if nobody else arrived; -1 once it has started, or
     * when one of {@code slots} consumers is free for it and it is only waiting to be taken (so a request
     * that finds a free worker is not told it is queued).
     */
    public int position(Entry entry, int slots) {
        lock.lock();
        try {
            if (entry.state != WAITING) {
                return -1;
            }
            int ahead = ahead(entry);
            return !entry.turn.running && ahead < slots - runningCount ? -1 : ahead;
        } finally {
            lock.unlock();
        }
    }

    private Entry next() {
        for (Iterator<Turn> it = rotation.iterator(); it.hasNext(); ) {
            Turn turn = it.next();
            if (!turn.running) {
                it.remove();
                Entry entry = turn.waiting.pollFirst();
                if (!turn.waiting.isEmpty()) {
                    rotation.addLast(turn); // its next job waits for everyone else's turn
                }
                return entry;
            }
        }
        return null;
    }

    private Entry started(Entry entry) {
        entry.state = RUNNING;
        entry.turn.running = true;
        waitingCount--;
        runningCount++;
        List<Runnable> notices = positions();
        notifier.accept(() -> notices.forEach(Runnable::run));
        return entry;
    }

    /**
     * Under round robin, a job i-th in its learner's line starts after its own i predecessors and, from
     * every other line, up to i jobs (i + 1 for lines whose turn comes first).
     */
    private int ahead(Entry entry) {
        int index = 0;
        for (Entry e : entry.turn.waiting) {
            if (e == entry) {
                break;
            }
            index++;
        }
        int ahead = index;
        boolean before = true;
        for (Turn turn : rotation) {
            if (turn == entry.turn) {
                before = false;
                continue;
            }
            ahead += Math.min(turn.waiting.size(), index + (before ? 1 : 0));
        }
        return ahead;
    }

    /** Notices for every waiting job whose position changed since it was last told. */
    private List<Runnable> positions() {
        List<Runnable> notices = new ArrayList<>();
        for (Turn turn : rotation) {
            for (Entry e : turn.waiting) {
                int ahead = ahead(e);
                if (ahead != e.told) {
                    e.told = ahead;
                    notices.add(() -> e.positionChanged(ahead));
                }
            }
        }
        return notices;
    }

    private void forgetIfIdle(Entry entry) {
        if (!entry.turn.running && entry.turn.waiting.isEmpty()) {
            turns.remove(entry.learner + '\u0000' + entry.lane, entry.turn);
        }
    }

    private void deliver(List<Runnable> notices) {
        if (!notices.isEmpty()) {
            notifier.accept(() -> notices.forEach(Runnable::run));
        }
    }
}
