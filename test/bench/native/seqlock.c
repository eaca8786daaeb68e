/*
 * The native baseline: the same seqlock (sequence + spinlock writer, payload of W 32-bit words,
 * every word holding the same value) in C11 atomics with the kernel's orderings, pthreads.
 * Built and run by test/bench/bench.mjs so that JS and C are measured side by side.
 *
 * usage: seqlock WRITERS READERS WORDS SECONDS
 * prints one JSON object: reads (accepted), retries, writes, torn, writer p50/p99 in us.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_WORDS 64
#define BUCKETS 80

static struct {
  _Alignas(64) atomic_uint seq;
  atomic_int lock;
  _Alignas(64) atomic_int data[MAX_WORDS];
} sl;

static int words;
static atomic_int stop;

struct counts {
  _Alignas(64) uint64_t reads, retries, writes, torn;
  uint32_t hist[BUCKETS];
};

static double now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int bucket(double us) {
  if (us <= 0.05) return 0;
  int b = 0;
  double edge = 0.05 * 1.25;
  while (us >= edge && b < BUCKETS - 1) { edge *= 1.25; b++; }
  return b;
}

static double percentile(uint32_t *h, double p) {
  uint64_t total = 0, seen = 0;
  for (int i = 0; i < BUCKETS; i++) total += h[i];
  if (!total) return -1;
  uint64_t rank = (uint64_t)(p / 100 * total + 0.999999);
  if (rank == 0) rank = 1;
  double edge = 0.05 * 1.25;
  for (int i = 0; i < BUCKETS; i++, edge *= 1.25) { seen += h[i]; if (seen >= rank) return edge; }
  return edge;
}

static void *writer(void *arg) {
  struct counts *c = arg;
  uint64_t n = 0;
  while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
    double t0 = (n & 15) == 0 ? now_us() : 0;
    int expected = 0;
    while (!atomic_compare_exchange_weak_explicit(&sl.lock, &expected, 1, memory_order_acquire,
                                                  memory_order_relaxed)) {
      expected = 0;
      __builtin_ia32_pause();
    }
    unsigned s = atomic_load_explicit(&sl.seq, memory_order_relaxed);
    atomic_store_explicit(&sl.seq, s + 1, memory_order_relaxed);
    atomic_thread_fence(memory_order_release); /* smp_wmb() */
    int v = atomic_load_explicit(&sl.data[0], memory_order_relaxed) + 1;
    for (int k = 0; k < words; k++) atomic_store_explicit(&sl.data[k], v, memory_order_relaxed);
    atomic_store_explicit(&sl.seq, s + 2, memory_order_release);
    atomic_store_explicit(&sl.lock, 0, memory_order_release);
    if ((n & 15) == 0) c->hist[bucket(now_us() - t0)]++;
    n++;
  }
  c->writes = n;
  return NULL;
}

static void *reader(void *arg) {
  struct counts *c = arg;
  int copy[MAX_WORDS];
  uint64_t reads = 0, retries = 0, torn = 0;
  while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
    for (int i = 0; i < 256; i++) {
      unsigned s;
      while ((s = atomic_load_explicit(&sl.seq, memory_order_acquire)) & 1) __builtin_ia32_pause();
      for (int k = 0; k < words; k++) copy[k] = atomic_load_explicit(&sl.data[k], memory_order_relaxed);
      atomic_thread_fence(memory_order_acquire); /* smp_rmb() */
      if (atomic_load_explicit(&sl.seq, memory_order_relaxed) != s) { retries++; continue; }
      for (int k = 1; k < words; k++) if (copy[k] != copy[0]) { torn++; break; }
      reads++;
    }
  }
  c->reads = reads; c->retries = retries; c->torn = torn;
  return NULL;
}

int main(int argc, char **argv) {
  if (argc != 5) { fprintf(stderr, "usage: seqlock WRITERS READERS WORDS SECONDS\n"); return 2; }
  int w = atoi(argv[1]), r = atoi(argv[2]);
  words = atoi(argv[3]);
  double seconds = atof(argv[4]);
  if (words < 1 || words > MAX_WORDS || w < 0 || r < 0 || w + r == 0 || w + r > 64) return 2;
  pthread_t threads[64];
  struct counts *counts = calloc(64, sizeof(struct counts));
  for (int i = 0; i < w; i++) pthread_create(&threads[i], NULL, writer, &counts[i]);
  for (int i = 0; i < r; i++) pthread_create(&threads[w + i], NULL, reader, &counts[w + i]);
  double t0 = now_us();
  struct timespec nap = { (time_t)seconds, (long)((seconds - (time_t)seconds) * 1e9) };
  nanosleep(&nap, NULL);
  atomic_store(&stop, 1);
  for (int i = 0; i < w + r; i++) pthread_join(threads[i], NULL);
  double dt = (now_us() - t0) / 1e6;
  uint64_t reads = 0, retries = 0, writes = 0, torn = 0;
  uint32_t hist[BUCKETS] = {0};
  for (int i = 0; i < w + r; i++) {
    reads += counts[i].reads; retries += counts[i].retries; writes += counts[i].writes;
    torn += counts[i].torn;
    for (int b = 0; b < BUCKETS; b++) hist[b] += counts[i].hist[b];
  }
  printf("{\"seconds\":%.3f,\"reads\":%llu,\"retries\":%llu,\"writes\":%llu,\"torn\":%llu,"
         "\"writerP50Us\":%.3f,\"writerP99Us\":%.3f}\n",
         dt, (unsigned long long)reads, (unsigned long long)retries, (unsigned long long)writes,
         (unsigned long long)torn, percentile(hist, 50), percentile(hist, 99));
  return 0;
}
