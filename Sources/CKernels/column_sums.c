/* col2im, the adjoint of im2col (latent_kernels.h): it sums every column entry into the
   pixel im2col read it from, kernel row by kernel column as the definition lists them, so
   every level gives the same bits; only the width of the vector instructions differs. Rows
   of 8 or more outputs are summed a phase at a time in registers (the row path); narrower
   ones pixel by pixel from a table of the entries each pixel gathers (the table path). */
#include "latent_kernels.h"
#include "vectors.h"

#include <limits.h>
#include <stdlib.h>

/* Interleaves the phases back into `line` (width values, overwritten), plus `bias`: phase q
   (outputs q, q + stride, …) from `phases + q·phase_stride` on. (Stride 2 interleaves in
   registers instead: pair_row.) */
static inline ALWAYS_INLINE void store_row(long stride, long width, const float *phases,
                                           long phase_stride, float *line, float bias) {
  if (stride == 1) {
    long x = 0;
    for (; x + 16 <= width; x += 16) store16(line + x, load16(phases + x) + bias);
    for (; x < width; x++) line[x] = phases[x] + bias;
    return;
  }
  for (long x = 0; x < width; x++)
    line[x] = phases[(x % stride) * phase_stride + x / stride] + bias;
}

/* col2im's plan. Output column x = xin·s − p + kj, so phase q of an image row (x = q, q + s,
   …) gathers the kernel columns kj ≡ q + p (mod s), kj's row at input column j + (q + p −
   kj)/s for the phase's j-th value. A phase is summed 16 values at a time in a register
   (a chunk), kernel row by kernel column as the definition lists them, and written once;
   pair_row (stride 2) or store_row (any other stride) interleaves the phases. (A running
   sum in memory, one column row added after another at shifted places, makes every load
   wait for the store before it to reach the cache: that was twice as slow.) Each chunk's
   taps are worked out once per call. */
struct column_tap {
  /* From the start of output row y's values in kernel row ki's block. */
  long offset;
  /* −1 on the lanes this tap reaches (inside the image row and the phase), else 0. */
  int keep[16];
};

struct phase_chunk {
  /* Where the chunk's 16 sums go in the phases scratch. */
  long target;
  /* Its taps: taps[first ..< first + count], kj ascending. */
  long first, count;
};

/* The kernel rows ki that reach image row iy (iy = y·s − p + ki for an output row y): where
   the first one's values of row y start (from the start of the channel's and image's
   values) and how many there are, `step` apart. */
struct reaching_rows {
  long start, count;
};

struct column_plan {
  struct phase_chunk *chunks;
  struct column_tap *taps;
  struct reaching_rows *rows;
  long chunk_count, tap_count;
  /* Between the values of one reaching kernel row and the next. */
  long step;
  /* Bounds on the taps' reads around a row's start (lowest ≤ every offset, highest ≥ every
     offset + 16), to check that they stay inside the columns. */
  long lowest, highest;
};

/* The chunks and taps of every phase (counted when `plan->chunks` is NULL). */
static void plan_columns(const struct latent_convolution_geometry *g, long row_length,
                         long phase_stride, struct column_plan *plan) {
  long sw = g->stride_width, pw = g->padding_width, ow = g->output_width;
  long chunks = 0, taps = 0;
  plan->lowest = 0;
  plan->highest = 0;
  for (long q = 0; q < sw; q++) {
    long values = (g->width - q + sw - 1) / sw;
    for (long j0 = 0; j0 < values; j0 += 16) {
      struct phase_chunk *chunk = plan->chunks ? plan->chunks + chunks : 0;
      if (chunk) {
        chunk->target = q * phase_stride + j0;
        chunk->first = taps;
        chunk->count = 0;
      }
      for (long kj = (q + pw) % sw; kj < g->kernel_width; kj += sw) {
        long shift = (q + pw - kj) / sw;
        long lo = -shift - j0, hi = min_long(ow - shift, values) - j0;
        if (hi <= lo || hi <= 0 || lo >= 16) continue;
        if (chunk) {
          struct column_tap *tap = plan->taps + taps;
          tap->offset = kj * row_length + j0 + shift;
          for (long lane = 0; lane < 16; lane++) tap->keep[lane] = lane >= lo && lane < hi ? -1 : 0;
          chunk->count++;
          plan->lowest = min_long(plan->lowest, tap->offset);
          plan->highest = max_long(plan->highest, tap->offset + 16);
        }
        taps++;
      }
      chunks++;
    }
  }
  plan->chunk_count = chunks;
  plan->tap_count = taps;
  long kh = g->kernel_height, sh = g->stride_height, ph = g->padding_height;
  plan->step = sh * g->kernel_width * row_length - ow;
  for (long iy = 0; plan->rows && iy < g->height; iy++) {
    long first = (iy + ph) % sh, count = 0;
    while (first < kh && (iy + ph - first) / sh >= g->output_height) first += sh;
    for (long ki = first; ki < kh && iy + ph - ki >= 0; ki += sh) count++;
    plan->rows[iy].start = first * g->kernel_width * row_length + (iy + ph - first) / sh * ow;
    plan->rows[iy].count = count;
  }
}

/* The tap's 16 values from `row`, the lanes it does not reach +0.0 (adding them changes no
   sum, whatever lies there); `whole`: all 16 lie inside the columns, else only the kept
   lanes are read. */
static inline ALWAYS_INLINE v16f tap_values(const float *row, const struct column_tap *tap,
                                            int whole) {
  v16i keep;
  __builtin_memcpy(&keep, tap->keep, sizeof keep);
  if (whole) return (v16f)((v16i)load16(row + tap->offset) & keep);
  v16f v = splat16(0);
  for (int lane = 0; lane < 16; lane++)
    if (keep[lane]) v[lane] = row[tap->offset + lane];
  return v;
}

/* Chunk k's 16 sums over the `rows` kernel rows from `row`; `whole` as for tap_values. */
static inline ALWAYS_INLINE v16f chunk_sums(const struct column_plan *plan, long k,
                                            const float *row, long rows, int whole) {
  const struct column_tap *taps = plan->taps + plan->chunks[k].first;
  long count = plan->chunks[k].count, step = plan->step;
  v16f sum = splat16(0);
  if (rows == 2 && count == 2 && whole)
    return sum + tap_values(row, taps, 1) + tap_values(row, taps + 1, 1) +
           tap_values(row + step, taps, 1) + tap_values(row + step, taps + 1, 1);
  for (long r = 0; r < rows; r++, row += step)
    for (long t = 0; t < count; t++) sum += tap_values(row, taps + t, whole);
  return sum;
}

/* target[0 ..< count] = v[0 ..< count] (count ≤ 16). */
static inline ALWAYS_INLINE void store_lanes(float *target, v16f v, long count) {
  if (count >= 16) {
    store16(target, v);
    return;
  }
  for (long lane = 0; lane < count; lane++) target[lane] = v[lane];
}

/* Stride 2: chunk k of the even phase and chunk k of the odd one (the plan lists the odd
   phase's chunks after the even one's) interleaved in registers into the row's outputs
   32k ..< 32k + 32, plus `bias`, with no trip through the phases scratch. */
static inline ALWAYS_INLINE void pair_row(const struct column_plan *plan, const float *row,
                                          long rows, int whole, long width, float *line,
                                          float bias) {
  long even_chunks = ((width + 1) / 2 + 15) / 16;
  for (long k = 0; k < even_chunks; k++) {
    v16f e = chunk_sums(plan, k, row, rows, whole);
    v16f o = even_chunks + k < plan->chunk_count
                 ? chunk_sums(plan, even_chunks + k, row, rows, whole)
                 : splat16(0);
    v16f low = __builtin_shufflevector(e, o, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7,
                                       23) +
               bias;
    v16f high = __builtin_shufflevector(e, o, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14,
                                        30, 15, 31) +
                bias;
    long left = width - 32 * k;
    store_lanes(line + 32 * k, low, left);
    if (left > 16) store_lanes(line + 32 * k + 16, high, left - 16);
  }
}

static inline ALWAYS_INLINE void col2im_rows(const struct latent_convolution_geometry *g,
                                             const struct column_plan *plan,
                                             const float *columns, long batch, float *images,
                                             const float *bias, float *phases,
                                             long phase_stride) {
  long kernel_area = g->kernel_height * g->kernel_width;
  long positions = g->output_height * g->output_width;
  long row_length = batch * positions;
  long plane_size = g->height * g->width;
  long count = g->channels * kernel_area * row_length;
  for (long c = 0; c < g->channels; c++) {
    float b = bias ? bias[c] : 0;
    for (long n = 0; n < batch; n++) {
      float *plane = images + (n * g->channels + c) * plane_size;
      long base = c * kernel_area * row_length + n * positions;
      for (long iy = 0; iy < g->height; iy++) {
        long start = base + plan->rows[iy].start, rows = plan->rows[iy].count;
        long last = start + (rows - 1) * plan->step;
        const float *row = rows ? columns + start : columns;
        int whole = rows == 0 || (start + plan->lowest >= 0 && last + plan->highest <= count);
        float *line = plane + iy * g->width;
        if (g->stride_width == 2) {
          pair_row(plan, row, rows, whole, g->width, line, b);
          continue;
        }
        for (long k = 0; k < plan->chunk_count; k++)
          store16(phases + plan->chunks[k].target, chunk_sums(plan, k, row, rows, whole));
        store_row(g->stride_width, g->width, phases, phase_stride, line, b);
      }
    }
  }
}

static void col2im_generic(const struct latent_convolution_geometry *g,
                           const struct column_plan *plan, const float *columns, long batch,
                           float *images, const float *bias, float *phases, long phase_stride) {
  col2im_rows(g, plan, columns, batch, images, bias, phases, phase_stride);
}

LEVEL_AVX2 static void col2im_avx2(const struct latent_convolution_geometry *g,
    const struct column_plan *plan, const float *columns, long batch, float *images,
    const float *bias, float *phases, long phase_stride) {
  col2im_rows(g, plan, columns, batch, images, bias, phases, phase_stride);
}

LEVEL_AVX512 static void col2im_avx512(const struct latent_convolution_geometry *g,
    const struct column_plan *plan, const float *columns, long batch, float *images,
    const float *bias, float *phases, long phase_stride) {
  col2im_rows(g, plan, columns, batch, images, bias, phases, phase_stride);
}

enum { STACK_CHUNKS = 64, STACK_TAPS = 128, STACK_ROWS = 512, STACK_PHASES = 4096 };

/* col2im on the row path at `level`: its plan and phases on the stack unless the rows are
   very wide or the kernel very wide. */
static int row_sums(enum latent_kernel_level level, const struct latent_convolution_geometry *g,
                    const float *columns, long batch, float *images, const float *bias) {
  /* Each phase holds ⌈W/s⌉ values, rounded up to whole vectors. */
  long stride = g->stride_width;
  long phase_stride = ((g->width + stride - 1) / stride + 15) / 16 * 16;
  /* Stride 2 interleaves in registers (pair_row) and needs no phases scratch. */
  long capacity = stride == 2 ? 0 : stride * phase_stride;
  long row_length = batch * g->output_height * g->output_width;
  struct column_plan plan = {0};
  plan_columns(g, row_length, phase_stride, &plan);
  struct phase_chunk stack_chunks[STACK_CHUNKS];
  struct column_tap stack_taps[STACK_TAPS];
  struct reaching_rows stack_rows[STACK_ROWS];
  float stack_phases[STACK_PHASES];
  int large = plan.chunk_count > STACK_CHUNKS || plan.tap_count > STACK_TAPS ||
              g->height > STACK_ROWS || capacity > STACK_PHASES;
  plan.chunks = large ? malloc(sizeof(struct phase_chunk) * (unsigned long)plan.chunk_count)
                      : stack_chunks;
  plan.taps = large ? malloc(sizeof(struct column_tap) * (unsigned long)max_long(plan.tap_count, 1))
                    : stack_taps;
  plan.rows = large ? malloc(sizeof(struct reaching_rows) * (unsigned long)g->height)
                    : stack_rows;
  float *phases =
      large ? malloc(sizeof(float) * (unsigned long)max_long(capacity, 1)) : stack_phases;
  int status = -1;
  if (plan.chunks && plan.taps && plan.rows && phases) {
    plan_columns(g, row_length, phase_stride, &plan);
    switch (level) {
    case LATENT_KERNEL_AVX512:
      col2im_avx512(g, &plan, columns, batch, images, bias, phases, phase_stride);
      break;
    case LATENT_KERNEL_AVX2:
      col2im_avx2(g, &plan, columns, batch, images, bias, phases, phase_stride);
      break;
    default: col2im_generic(g, &plan, columns, batch, images, bias, phases, phase_stride); break;
    }
    status = 0;
  }
  if (large) {
    free(plan.chunks);
    free(plan.taps);
    free(plan.rows);
    free(phases);
  }
  return status;
}

/* The table path, for outputs under 8 columns wide (conv64's 4×4 → 8×8 layer), where
   the row path's vectors would be mostly empty lanes: every pixel's sum gathered from the
   column entries that reach it, in a plain loop (no vectors: one body serves every level).
   Adding each tap into a plane in turn instead took three times as long on the Zen 5: each
   addition waited for the one before it through memory. */
enum { TABLE_PIXELS = 4096, TABLE_ENTRIES = 4096 };

/* sources[first[p] ..< first[p + 1]]: the column entries pixel p gathers, from the start of
   one channel's and image's values, kernel row then column. Returns 0 when they do not fit
   the table. */
static int make_sources(const struct latent_convolution_geometry *g, long row_length,
                        int *first, int *sources) {
  long kh = g->kernel_height, kw = g->kernel_width;
  if (g->height * g->width > TABLE_PIXELS || kh * kw * row_length > INT_MAX) return 0;
  long entries = 0;
  for (long iy = 0; iy < g->height; iy++)
    for (long ix = 0; ix < g->width; ix++) {
      first[iy * g->width + ix] = (int)entries;
      for (long ki = 0; ki < kh; ki++) {
        long dy = iy + g->padding_height - ki;
        if (dy < 0 || dy % g->stride_height || dy / g->stride_height >= g->output_height)
          continue;
        for (long kj = 0; kj < kw; kj++) {
          long dx = ix + g->padding_width - kj;
          if (dx < 0 || dx % g->stride_width || dx / g->stride_width >= g->output_width)
            continue;
          if (entries == TABLE_ENTRIES) return 0;
          sources[entries++] = (int)((ki * kw + kj) * row_length +
                                     dy / g->stride_height * g->output_width +
                                     dx / g->stride_width);
        }
      }
    }
  first[g->height * g->width] = (int)entries;
  return 1;
}

static void table_sums(const struct latent_convolution_geometry *g, const int *first,
                       const int *sources, const float *columns, long batch, float *images,
                       const float *bias) {
  long taps = g->kernel_height * g->kernel_width;
  long positions = g->output_height * g->output_width;
  long pixels = g->height * g->width;
  for (long c = 0; c < g->channels; c++) {
    float b = bias ? bias[c] : 0;
    for (long n = 0; n < batch; n++) {
      const float *values = columns + c * taps * batch * positions + n * positions;
      float *plane = images + (n * g->channels + c) * pixels;
      for (long p = 0; p < pixels; p++) {
        float sum = 0;
        for (int e = first[p]; e < first[p + 1]; e++) sum += values[sources[e]];
        plane[p] = sum + b;
      }
    }
  }
}

int latent_col2im(enum latent_kernel_level level, const struct latent_convolution_geometry *g,
                  const float *columns, long batch, float *images, const float *bias) {
  if (g->output_width < 8) {
    int first[TABLE_PIXELS + 1], sources[TABLE_ENTRIES];
    if (make_sources(g, batch * g->output_height * g->output_width, first, sources)) {
      table_sums(g, first, sources, columns, batch, images, bias);
      return 0;
    }
  }
  return row_sums(level, g, columns, batch, images, bias);
}
