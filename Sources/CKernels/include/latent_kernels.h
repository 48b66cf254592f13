#ifndef LATENT_KERNELS_H
#define LATENT_KERNELS_H

/* latent's own hot loops, each compiled for every instruction-set level; the caller passes
   the level (NeuralCore's KernelLevel chooses it once per process from CPUID, or
   LATENT_KERNEL_LEVEL). A level the CPU cannot run must never be passed: its code would
   stop with an illegal instruction. The shapes, the packing and the threading stay with
   the Swift callers (NeuralCore's PanelProduct, NarrowProduct, SlidingConvolution).

   Every product sums over k in order, one multiply-add per step: the AVX2 and AVX-512
   levels fuse it (one rounding) and agree bit for bit; generic x86-64 has no FMA
   instruction and rounds the product and the sum apart. */

enum latent_kernel_level {
  LATENT_KERNEL_GENERIC = 0, /* any x86-64: SSE2 */
  LATENT_KERNEL_AVX2 = 1,    /* AVX2 + FMA (x86-64-v3) */
  LATENT_KERNEL_AVX512 = 2,  /* AVX-512 F, BW, DQ, VL (x86-64-v4) */
};

/* C = A·B. A: panels of 4 rows, panel p at a + 4·k·p as [k][4]; panels first ..< end are
   used, and C's row 0 is panel first's row 0. B: [n/16][k][16] (16-column strips, n a
   multiple of 16). C: row-major [4·(end − first), n]. */
void latent_panel_multiply(enum latent_kernel_level level, const float *a, long first,
                           long end, long k, const float *b, long n, float *c);

/* C = A·X for few columns. A: panels of 24 rows, panel p at a + 24·k·p as [k][24]; panels
   first ..< end. X: [k, width] with width = n rounded up to a multiple of 4 (the added
   columns zero). C: row-major [24·(end − first), n]. */
void latent_narrow_multiply(enum latent_kernel_level level, const float *a, long first,
                            long end, long k, const float *x, long n, float *c);

/* A stride-1 convolution's output rows from its zero-padded input rows. */
struct latent_sliding_geometry {
  long channels;        /* input channels C */
  long kernel_height;   /* kh */
  long kernel_width;    /* kw */
  long output_height;   /* OH: output rows in y per channel */
  long output_width;    /* OW */
  long row_length;      /* floats per padded input row: ≥ OW + kw − 1 and ≥ 32 + kw − 1 */
  long plane;           /* floats per input channel of `band`: its rows · row_length */
};

/* Output rows first_row ..< first_row + rows of every output channel: y[o][r][x] =
   bias[o] + Σ_c Σ_ki Σ_kj weight[o][c][ki][kj] · band[c][r − first_row + ki][x + kj].
   band: [C][rows + kh − 1][row_length], the padded input from output row first_row on.
   weight: [O][C][kh][kw]; bias: [O] or NULL; y: [O][OH][OW] (other rows untouched). */
void latent_sliding_convolution(enum latent_kernel_level level,
                                const struct latent_sliding_geometry *geometry,
                                const float *band, const float *weight, const float *bias,
                                long output_channels, long first_row, long rows, float *y);

#endif
