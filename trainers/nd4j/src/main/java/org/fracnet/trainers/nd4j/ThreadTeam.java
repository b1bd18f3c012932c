package org.fracnet.trainers.nd4j;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one task on {@code size} threads at once: the calling thread as member 0 and {@code size -
 * 1} daemon helpers. Built for a hand-off every few hundred microseconds: a waiting member spins
 * for {@link #SPIN_NANOS}, then yields its core until {@link #YIELD_NANOS}, then parks. Spinning
 * first, because waking a parked thread costs more than a short hand-off's wait; yielding, because
 * when another process holds a core a spinning member would burn the time slice the member it
 * waits for needs (docs/performance.md, "Element-wise loops and the thread team"). Nothing is
 * allocated per run. Not reentrant; one caller at a time.
 */
final class ThreadTeam implements AutoCloseable {
  /** Work for one member. */
  interface Task {
    void run(int member);
  }

  /** How long a waiting member spins on the CPU. */
  static final long SPIN_NANOS = 50_000;
  /** How long a waiting member yields before parking: longer than a serial optimizer step. */
  static final long YIELD_NANOS = 2_000_000;

  private final Thread[] helpers;
  private final AtomicInteger pending = new AtomicInteger();
  private volatile long generation;
  private volatile Task task;
  private volatile Throwable failure;
  private volatile boolean closed;
  private volatile Thread caller;

  ThreadTeam(int size, String name) {
    helpers = new Thread[size - 1];
    for (int i = 0; i < helpers.length; i++) {
      int member = i + 1;
      Thread t = new Thread(() -> loop(member), name + "-" + member);
      t.setDaemon(true);
      helpers[i] = t;
      t.start();
    }
  }

  /** Runs {@code work} on every member and returns when all are done; rethrows a failure. */
  void run(Task work) {
    if (helpers.length == 0) {
      work.run(0);
      return;
    }
    caller = Thread.currentThread();
    task = work;
    failure = null;
    pending.set(helpers.length);
    generation = generation + 1; // single writer; the volatile write publishes task and pending
    for (Thread t : helpers) {
      LockSupport.unpark(t);
    }
    Throwable own = null;
    try {
      work.run(0);
    } catch (RuntimeException | Error e) {
      own = e;
    }
    long waitStart = System.nanoTime();
    while (pending.get() != 0) {
      pause(waitStart);
    }
    Throwable failed = own != null ? own : failure;
    if (failed instanceof RuntimeException r) {
      throw r;
    }
    if (failed instanceof Error e) {
      throw e;
    }
  }

  private void loop(int member) {
    long seen = 0;
    while (true) {
      long waitStart = System.nanoTime();
      while (generation == seen && !closed) {
        pause(waitStart);
      }
      if (closed) {
        return;
      }
      seen = generation;
      try {
        task.run(member);
      } catch (RuntimeException | Error e) {
        failure = e;
      }
      if (pending.decrementAndGet() == 0) {
        LockSupport.unpark(caller);
      }
    }
  }

  /** One round of waiting that began at {@code waitStart}: spin, yield or park. */
  private void pause(long waitStart) {
    long waited = System.nanoTime() - waitStart;
    if (waited < SPIN_NANOS) {
      Thread.onSpinWait();
    } else if (waited < YIELD_NANOS) {
      Thread.yield();
    } else {
      LockSupport.park(this);
    }
  }

  @Override
  public void close() {
    closed = true;
    for (Thread t : helpers) {
      LockSupport.unpark(t);
    }
    for (Thread t : helpers) {
      try {
        t.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
