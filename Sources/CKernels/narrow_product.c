/* Products with few columns (a decoder's first layer on 2×2 pixels): C = A·X with A in
   24-row panels (latent_kernels.h). The weight panel streams from beyond L2, so every level
   runs the same 24 × 4 block, only in its own instructions. */
#include "latent_kernels.h"
#include "vectors.h"

enum { NARROW_ROWS = 24, NARROW_COLUMNS = 4 };

/* 24 rows × 4 columns of C in twelve 8-lane accumulators (per step of k, three loads of the
   panel and four broadcasts of X), of which the first `columns` are stored. */
static inline ALWAYS_INLINE void narrow_block(const float *panel, long k, const float *x,
                                              long width, float *c, long n, long columns) {
  v8f acc[3][NARROW_COLUMNS] = {{0}};
  for (long i = 0; i < k; i++) {
    v8f w[3];
    for (int q = 0; q < 3; q++) w[q] = load8(panel + i * NARROW_ROWS + 8 * q);
    for (int j = 0; j < NARROW_COLUMNS; j++) {
      v8f xj = splat8(x[i * width + j]);
      for (int q = 0; q < 3; q++) acc[q][j] += w[q] * xj;
    }
  }
  /* The accumulators hold C's columns: scatter them into C's rows. */
  for (int q = 0; q < 3; q++)
    for (int lane = 0; lane < 8; lane++) {
      float *row = c + (8 * q + lane) * n;
      for (long j = 0; j < columns; j++) row[j] = acc[q][j][lane];
    }
}

static inline ALWAYS_INLINE void narrow_multiply(const float *a, long first, long end, long k,
                                                 const float *x, long n, float *c) {
  long width = (n + NARROW_COLUMNS - 1) / NARROW_COLUMNS * NARROW_COLUMNS;
  for (long panel = first; panel < end; panel++) {
    float *rows = c + (panel - first) * NARROW_ROWS * n;
    for (long j = 0; j < n; j += NARROW_COLUMNS)
      narrow_block(a + panel * k * NARROW_ROWS, k, x + j, width, rows + j, n,
                   min_long(NARROW_COLUMNS, n - j));
  }
}

static void multiply_generic(const float *a, long first, long end, long k, const float *x,
                             long n, float *c) {
  narrow_multiply(a, first, end, k, x, n, c);
}

LEVEL_AVX2 static void multiply_avx2(const float *a, long first, long end, long k,
                                     const float *x, long n, float *c) {
  narrow_multiply(a, first, end, k, x, n, c);
}

LEVEL_AVX512 static void multiply_avx512(const float *a, long first, long end, long k,
                                         const float *x, long n, float *c) {
  narrow_multiply(a, first, end, k, x, n, c);
}

void latent_narrow_multiply(enum latent_kernel_level level, const float *a, long first,
                            long end, long k, const float *x, long n, float *c) {
  switch (level) {
  case LATENT_KERNEL_AVX512: multiply_avx512(a, first, end, k, x, n, c); break;
  case LATENT_KERNEL_AVX2: multiply_avx2(a, first, end, k, x, n, c); break;
  default: multiply_generic(a, first, end, k, x, n, c); break;
  }
}
