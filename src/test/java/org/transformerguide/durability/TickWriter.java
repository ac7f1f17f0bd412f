package org.transformerguide.durability;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One learner ticking and unticking the guide's checklist items in turn, as fast as the server answers,
 * and remembering what the server acknowledged. Each pass over the items flips them all, so a lost write
 * shows as an item in its previous state. Only the request under way when the server died is
 * unknown: it may or may not have been applied, and nobody was told it was saved.
 */
final class TickWriter implements Runnable {

    private final Learner learner;
    private final List<String> items;
    private final AtomicLong acknowledgedTotal;
    private final Map<String, Boolean> acknowledged = new LinkedHashMap<>();
    private volatile boolean stopped;
    private volatile String inFlight;
    private long writes;

    TickWriter(Learner learner, List<String> items, AtomicLong acknowledgedTotal) {
        this.learner = learner;
        this.items = items;
        this.acknowledgedTotal = acknowledgedTotal;
    }

    @Override
    public void run() {
        for (long n = 0; !stopped; n++) {
            String item = items.get((int) (n % items.size()));
            boolean checked = (n / items.size()) % 2 == 0;
            inFlight = item;
            try {
                learner.tick(item, checked);
            } catch (Exception serverGone) {
                return; // killed mid-request: this write was never acknowledged
            }
            synchronized (this) {
                acknowledged.put(item, checked);
                writes++;
            }
            inFlight = null;
            acknowledgedTotal.incrementAndGet();
        }
    }

    void stop() {
        stopped = true;
    }

    synchronized long acknowledgedWrites() {
        return writes;
    }

    Learner learner() {
        return learner;
    }

    /** Items whose acknowledged state the server no longer shows (the one write under way excepted). */
    synchronized Set<String> lostWrites(Set<String> checkedNow) {
        Set<String> lost = new HashSet<>();
        acknowledged.forEach((item, checked) -> {
            if (checkedNow.contains(item) != checked && !item.equals(inFlight)) {
                lost.add(item);
            }
        });
        return lost;
    }

    synchronized int itemsWritten() {
        return acknowledged.size();
    }
}
