package io.yagura.pull;

import io.yagura.api.plugin.PullConnector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A connector over a list of numbered records: the cursor is the last id read; failures and pauses on demand. */
final class FakeSensor implements PullConnector {

    final List<String> records = new CopyOnWriteArrayList<>();
    final List<String> cursorsSeen = new CopyOnWriteArrayList<>();
    final List<Target> closed = new CopyOnWriteArrayList<>();
    final AtomicInteger pulls = new AtomicInteger();
    final AtomicInteger inside = new AtomicInteger();
    final AtomicInteger maxInside = new AtomicInteger();
    volatile int batchSize = 100;
    volatile int failNext;
    volatile String failure = "cisco-ips device ips-1: no answer to action=get from 192.0.2.20 within 30 s";
    volatile CountDownLatch hold;
    volatile CountDownLatch entered = new CountDownLatch(1);
    volatile CountDownLatch pulled = new CountDownLatch(Integer.MAX_VALUE);

    void add(int n) {
        for (int i = 0; i < n; i++) {
            records.add("<evIdsAlert eventId=\"" + (records.size() + 1) + "\"/>");
        }
    }

    @Override
    public Batch pull(Target target, String cursor) throws PullException {
        int now = inside.incrementAndGet();
        maxInside.accumulateAndGet(now, Math::max);
        try {
            pulls.incrementAndGet();
            cursorsSeen.add(String.valueOf(cursor));
            entered.countDown();
            CountDownLatch h = hold;
            if (h != null) {
                try {
                    h.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failNext > 0) {
                failNext--;
                throw new PullException(failure);
            }
            int from = cursor == null ? 0 : Integer.parseInt(cursor);
            List<Record> out = new ArrayList<>();
            int i = from;
            while (i < records.size() && out.size() < batchSize) {
                out.add(new Record(Integer.toString(i + 1), records.get(i)));
                i++;
            }
            return new Batch(out, i == 0 ? cursor : Integer.toString(i), i < records.size());
        } finally {
            inside.decrementAndGet();
            pulled.countDown();
        }
    }

    @Override
    public void close(Target target) {
        closed.add(target);
    }
}
