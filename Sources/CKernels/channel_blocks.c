/* The copies and sums around a convolution's matrix products (latent_kernels.h): swapping
   the two outer axes of [A][B][block] values (NCHW images ↔ a product's [C][N·P] rows), with
   a bias per outer row, and the per-channel sums that are a bias's gradient. One body,
   compiled for every level: the same operations on 16-lane vectors in the same order, so
   every level gives the same bits (narrower levels run each vector as 2 or 4 registers). */
#include "latent_kernels.h"
#include "vectors.h"

/* target[0..<n] = source[0..<n] + bias, inline: blocks are often 4–64 values, where a call
   to memmove costs as much as the copy. */
static inline ALWAYS_INLINE void copy_adding(long n, const float *source, float *target,
                                             float bias) {
  long x = 0;
  for (; x + 16 <= n; x += 16) store16(target + x, load16(source + x) + bias);
  if (x + 8 <= n) {
    store8(target + x, load8(source + x) + bias);
    x += 8;
  }
  if (x + 4 <= n) {
    store4(target + x, load4(source + x) + bias);
    x += 4;
  }
  for (; x < n; x++) target[x] = source[x] + bias;
}

static inline ALWAYS_INLINE void swap_rows(const float *source, long a, long b, long block,
                                           const float *bias, float *destination) {
  for (long i = 0; i < a; i++) {
    float add = bias ? bias[i] : 0;
    for (long j = 0; j < b; j++)
      copy_adding(block, source + (i * b + j) * block, destination + (j * a + i) * block, add);
  }
}

/* Σ values[(n·channels + c)·plane + i] over n and i, per channel c: lanes of 16 floats
   summed per plane, the planes' sums added in double; sums[c] becomes that sum, or gains
   it when `accumulate`. */
static inline ALWAYS_INLINE void sum_rows(long batch, long channels, long plane,
                                          const float *values, int accumulate, float *sums) {
  for (long c = 0; c < channels; c++) {
    double total = 0;
    for (long n = 0; n < batch; n++) {
      const float *row = values + (n * channels + c) * plane;
      /* Blocks of 4096 values, so that Float lanes never sum too many terms. */
      for (long start = 0; start < plane; start += 4096) {
        long end = min_long(start + 4096, plane);
        v16f lanes = splat16(0);
        long x = start;
        for (; x + 16 <= end; x += 16) lanes += load16(row + x);
        float rest = 0;
        for (; x < end; x++) rest += row[x];
        float folded = rest;
        for (int lane = 0; lane < 16; lane++) folded += lanes[lane];
        total += folded;
      }
    }
    sums[c] = accumulate ? sums[c] + (float)total : (float)total;
  }
}

static void swap_generic(const float *source, long a, long b, long block, const float *bias,
                         float *destination) {
  swap_rows(source, a, b, block, bias, destination);
}

LEVEL_AVX2 static void swap_avx2(const float *source, long a, long b, long block,
                                 const float *bias, float *destination) {
  swap_rows(source, a, b, block, bias, destination);
}

LEVEL_AVX512 static void swap_avx512(const float *source, long a, long b, long block,
                                     const float *bias, float *destination) {
  swap_rows(source, a, b, block, bias, destination);
}

static void sums_generic(long batch, long channels, long plane, const float *values,
                         int accumulate, float *sums) {
  sum_rows(batch, channels, plane, values, accumulate, sums);
}

LEVEL_AVX2 static void sums_avx2(long batch, long channels, long plane, const float *values,
                                 int accumulate, float *sums) {
  sum_rows(batch, channels, plane, values, accumulate, sums);
}

LEVEL_AVX512 static void sums_avx512(long batch, long channels, long plane, const float *values,
                                     int accumulate, float *sums) {
  sum_rows(batch, channels, plane, values, accumulate, sums);
}

void latent_swap_outer(enum latent_kernel_level level, const float *source, long a, long b,
                       long block, const float *bias, float *destination) {
  switch (level) {
  case LATENT_KERNEL_AVX512: swap_avx512(source, a, b, block, bias, destination); break;
  case LATENT_KERNEL_AVX2: swap_avx2(source, a, b, block, bias, destination); break;
  default: swap_generic(source, a, b, block, bias, destination); break;
  }
}

void latent_channel_sums(enum latent_kernel_level level, long batch, long channels, long plane,
                         const float *values, int accumulate, float *sums) {
  switch (level) {
  case LATENT_KERNEL_AVX512: sums_avx512(batch, channels, plane, values, accumulate, sums); break;
  case LATENT_KERNEL_AVX2: sums_avx2(batch, channels, plane, values, accumulate, sums); break;
  default: sums_generic(batch, channels, plane, values, accumulate, sums); break;
  }
}
