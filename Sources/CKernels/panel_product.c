/* The one-face decode product: C = A·B with A in 4-row panels and B in 16-column strips
   (latent_kernels.h). Each element of C is one chain of multiply-adds over k, so every
   block shape gives the same sums. */
#include "latent_kernels.h"
#include "vectors.h"

enum { PANEL_ROWS = 4, STRIP_COLUMNS = 16 };

/* 4 rows × 8·V columns (V = 1 or 2) of C from one panel and one strip, starting at the
   strip's column `offset`, in 4·V 8-lane accumulators. */
static inline ALWAYS_INLINE void block8(int V, const float *panel, long k, const float *strip,
                                        int offset, float *c, long n) {
  v8f acc[PANEL_ROWS][2] = {{0}};
  for (long i = 0; i < k; i++) {
    v8f b[2];
    for (int v = 0; v < V; v++) b[v] = load8(strip + i * STRIP_COLUMNS + offset + 8 * v);
    for (int r = 0; r < PANEL_ROWS; r++) {
      v8f a = splat8(panel[i * PANEL_ROWS + r]);
      for (int v = 0; v < V; v++) acc[r][v] += a * b[v];
    }
  }
  for (int r = 0; r < PANEL_ROWS; r++)
    for (int v = 0; v < V; v++) store8(c + r * n + offset + 8 * v, acc[r][v]);
}

/* 4·P rows × 16·S columns of C (P, S = 1 or 2) from P consecutive panels and S consecutive
   strips, in 4·P·S 16-lane accumulators: with P = S = 2, per step of k two loads of B, eight
   broadcasts of A and sixteen FMAs. */
static inline ALWAYS_INLINE void block16(int P, int S, const float *a, long k, const float *b,
                                         float *c, long n) {
  v16f acc[2][PANEL_ROWS][2] = {{{0}}};
  for (long i = 0; i < k; i++) {
    v16f columns[2];
    for (int s = 0; s < S; s++) columns[s] = load16(b + s * k * STRIP_COLUMNS + i * STRIP_COLUMNS);
    for (int p = 0; p < P; p++)
      for (int r = 0; r < PANEL_ROWS; r++) {
        v16f x = splat16(a[p * k * PANEL_ROWS + i * PANEL_ROWS + r]);
        for (int s = 0; s < S; s++) acc[p][r][s] += x * columns[s];
      }
  }
  for (int p = 0; p < P; p++)
    for (int r = 0; r < PANEL_ROWS; r++)
      for (int s = 0; s < S; s++)
        store16(c + (p * PANEL_ROWS + r) * n + s * STRIP_COLUMNS, acc[p][r][s]);
}

/* Strip by strip (a strip of B stays in L1), every panel in turn. */
static void multiply_generic(const float *a, long first, long end, long k, const float *b,
                             long n, float *c) {
  for (long strip = 0; strip < n / STRIP_COLUMNS; strip++) {
    const float *columns = b + strip * k * STRIP_COLUMNS;
    for (long panel = first; panel < end; panel++) {
      float *rows = c + (panel - first) * PANEL_ROWS * n + strip * STRIP_COLUMNS;
      /* 4 × 8 blocks: 8 accumulators fit SSE's 16 registers. */
      block8(1, a + panel * k * PANEL_ROWS, k, columns, 0, rows, n);
      block8(1, a + panel * k * PANEL_ROWS, k, columns, 8, rows, n);
    }
  }
}

LEVEL_AVX2 static void multiply_avx2(const float *a, long first, long end, long k,
                                     const float *b, long n, float *c) {
  for (long strip = 0; strip < n / STRIP_COLUMNS; strip++) {
    const float *columns = b + strip * k * STRIP_COLUMNS;
    for (long panel = first; panel < end; panel++) {
      float *rows = c + (panel - first) * PANEL_ROWS * n + strip * STRIP_COLUMNS;
      /* 4 × 16 blocks: 8 of the 16 ymm registers accumulate. */
      block8(2, a + panel * k * PANEL_ROWS, k, columns, 0, rows, n);
    }
  }
}

/* Two strips by two panels (8 × 32 blocks: 16 of the 32 zmm registers accumulate, each
   value of A and of B loaded serves two FMAs); the odd strip or panel at the end in smaller
   blocks. */
LEVEL_AVX512 static void multiply_avx512(const float *a, long first, long end, long k,
                                         const float *b, long n, float *c) {
  long strips = n / STRIP_COLUMNS;
  for (long strip = 0; strip < strips; strip += 2) {
    int S = strips - strip >= 2 ? 2 : 1;
    const float *columns = b + strip * k * STRIP_COLUMNS;
    for (long panel = first; panel < end; panel += 2) {
      int P = end - panel >= 2 ? 2 : 1;
      const float *rowsOfA = a + panel * k * PANEL_ROWS;
      float *rows = c + (panel - first) * PANEL_ROWS * n + strip * STRIP_COLUMNS;
      if (P == 2 && S == 2) block16(2, 2, rowsOfA, k, columns, rows, n);
      else if (P == 2) block16(2, 1, rowsOfA, k, columns, rows, n);
      else if (S == 2) block16(1, 2, rowsOfA, k, columns, rows, n);
      else block16(1, 1, rowsOfA, k, columns, rows, n);
    }
  }
}

void latent_panel_multiply(enum latent_kernel_level level, const float *a, long first,
                           long end, long k, const float *b, long n, float *c) {
  switch (level) {
  case LATENT_KERNEL_AVX512: multiply_avx512(a, first, end, k, b, n, c); break;
  case LATENT_KERNEL_AVX2: multiply_avx2(a, first, end, k, b, n, c); break;
  default: multiply_generic(a, first, end, k, b, n, c); break;
  }
}
