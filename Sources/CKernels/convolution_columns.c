/* im2col, the copy that turns a convolution into one matrix product (latent_kernels.h; its
   adjoint col2im is in column_sums.c). Each image row is split once into its column-stride
   phases (every stride-th value, laid between zeros); a column row is then a shifted copy of
   a phase; outputs under 8 columns wide go through a table of offsets instead (below). One
   body, compiled for every level: the same copies, so every level gives the same values;
   only the width of the vector instructions differs. */
#include "latent_kernels.h"
#include "vectors.h"

#include <stdlib.h>

/* Where the phases of one image row lie in a scratch row: phase q (input columns q, q + s,
   q + 2s, …) from `margin` on, `phase_length` floats apart, zeros around them. */
struct row_phases {
  long stride, width, kernel, padding, margin, phase_length;
};

static struct row_phases row_phases(const struct latent_convolution_geometry *g) {
  struct row_phases r;
  r.stride = g->stride_width;
  r.width = g->width;
  r.kernel = g->kernel_width;
  r.padding = g->padding_width;
  /* Kernel column kj reads phase (kj − p) mod s from step (kj − p) div s, a step between
     −⌈p/s⌉ and (k − 1 − p)/s; from there a row reads OW values. */
  long lowest = (r.padding + r.stride - 1) / r.stride;
  long highest = max_long(0, r.kernel - 1 - r.padding) / r.stride;
  long longest = (r.width + r.stride - 1) / r.stride;
  r.margin = lowest;
  r.phase_length = r.margin + max_long(longest, g->output_width + highest);
  return r;
}

/* Index in the scratch of the value that output column 0 of kernel column kj reads. */
static long phase_start(const struct row_phases *r, long kj) {
  long shift = kj - r->padding;
  long phase = ((shift % r->stride) + r->stride) % r->stride;
  long step = (shift - phase) / r->stride;
  return phase * r->phase_length + r->margin + step;
}

/* target[0..<n] = source[0..<n]: column rows are 4–32 values. */
static inline ALWAYS_INLINE void copy_values(long n, const float *source, float *target) {
  long x = 0;
  for (; x + 16 <= n; x += 16) store16(target + x, load16(source + x));
  if (x + 8 <= n) {
    store8(target + x, load8(source + x));
    x += 8;
  }
  if (x + 4 <= n) {
    store4(target + x, load4(source + x));
    x += 4;
  }
  for (; x < n; x++) target[x] = source[x];
}

/* Writes the phases of `line` (width values) into `phases`; the zeros around them stay. */
static inline ALWAYS_INLINE void split_row(const struct row_phases *r, const float *line,
                                           float *phases) {
  float *even = phases + r->margin;
  long width = r->width;
  if (r->stride == 1) {
    copy_values(width, line, even);
    return;
  }
  if (r->stride != 2) {
    for (long x = 0; x < width; x++)
      phases[(x % r->stride) * r->phase_length + r->margin + x / r->stride] = line[x];
    return;
  }
  float *odd = even + r->phase_length;
  long j = 0;
  for (; 2 * j + 32 <= width; j += 16) {
    v16f a = load16(line + 2 * j), b = load16(line + 2 * j + 16);
    store16(even + j, __builtin_shufflevector(a, b, 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22,
                                              24, 26, 28, 30));
    store16(odd + j, __builtin_shufflevector(a, b, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23,
                                             25, 27, 29, 31));
  }
  for (; 2 * j + 16 <= width; j += 8) {
    v8f a = load8(line + 2 * j), b = load8(line + 2 * j + 8);
    store8(even + j, __builtin_shufflevector(a, b, 0, 2, 4, 6, 8, 10, 12, 14));
    store8(odd + j, __builtin_shufflevector(a, b, 1, 3, 5, 7, 9, 11, 13, 15));
  }
  for (; 2 * j + 1 < width; j++) {
    even[j] = line[2 * j];
    odd[j] = line[2 * j + 1];
  }
  if (2 * j < width) even[j] = line[2 * j];
}

/* The phases and every kernel column's start: on the stack for the usual sizes. */
enum { STACK_PHASES = 4096, STACK_KERNEL = 64 };

/* Copies every column row out of split image rows, keeping the rows of one output row
   and of the next (kh + sh rows) in a ring: each output row's new image rows are split one
   output row ahead of their copies. (Splitting a row just before copying from it made each
   copy's load wait for the split's stores to reach the cache, as their places overlap
   without matching.) `phases` holds the ring, each row `stride · phase_length` floats. */
static inline ALWAYS_INLINE void im2col_rows(const struct latent_convolution_geometry *g,
                                             const struct row_phases *r, const float *images,
                                             long batch, float *columns, float *phases,
                                             const long *starts) {
  long oh = g->output_height, ow = g->output_width;
  long kh = g->kernel_height, kw = g->kernel_width;
  long sh = g->stride_height, ph = g->padding_height;
  long positions = oh * ow;
  long row_length = batch * positions;
  long plane_size = g->height * g->width;
  long split_size = r->stride * r->phase_length;
  long ring = kh + sh;
  for (long i = 0; i < ring * split_size; i++) phases[i] = 0;
  for (long c = 0; c < g->channels; c++)
    for (long n = 0; n < batch; n++) {
      const float *plane = images + (n * g->channels + c) * plane_size;
      float *tap_rows = columns + c * kh * kw * row_length + n * positions;
      long next = 0; /* the next image row to split */
      for (long y = -1; y < oh; y++) {
        /* The image rows output row y + 1 reads, split before row y's copies. */
        long end = min_long(g->height, (y + 1) * sh - ph + kh);
        for (; next < end; next++)
          split_row(r, plane + next * g->width, phases + next % ring * split_size);
        if (y < 0) continue;
        for (long ki = 0; ki < kh; ki++) {
          float *target = tap_rows + ki * kw * row_length + y * ow;
          long iy = y * sh - ph + ki;
          if (iy < 0 || iy >= g->height) {
            for (long kj = 0; kj < kw; kj++)
              for (long x = 0; x < ow; x++) target[kj * row_length + x] = 0;
            continue;
          }
          const float *split = phases + iy % ring * split_size;
          for (long kj = 0; kj < kw; kj++)
            copy_values(ow, split + starts[kj], target + kj * row_length);
        }
      }
    }
}

static void im2col_generic(const struct latent_convolution_geometry *g,
                           const struct row_phases *r, const float *images, long batch,
                           float *columns, float *phases, const long *starts) {
  im2col_rows(g, r, images, batch, columns, phases, starts);
}

LEVEL_AVX2 static void im2col_avx2(const struct latent_convolution_geometry *g,
                                   const struct row_phases *r, const float *images, long batch,
                                   float *columns, float *phases, const long *starts) {
  im2col_rows(g, r, images, batch, columns, phases, starts);
}

LEVEL_AVX512 static void im2col_avx512(const struct latent_convolution_geometry *g,
                                       const struct row_phases *r, const float *images,
                                       long batch, float *columns, float *phases,
                                       const long *starts) {
  im2col_rows(g, r, images, batch, columns, phases, starts);
}

/* Rows of fewer than 8 outputs (a 4×4 output) make the row path above copy a few values per
   step; there each image plane is copied once into a zero-padded plane and every tap's OH·OW
   values are read from it through a table of offsets. On conv64's 8×8 → 4×4 layer this took
   half the time of the row path (CPU time of 15 calls, best of them, on a busy machine);
   AVX-512's 16-lane gather was slower on this Zen 4 than plain loads, and at 8 outputs per
   row the row path was as fast. */
enum { TABLE_PLANE = 4096, TABLE_ENTRIES = 4096 };

struct tap_table {
  long padded_width, padded_size, entries;
};

static int table_fits(const struct latent_convolution_geometry *g, struct tap_table *t) {
  t->padded_width = g->width + 2 * g->padding_width;
  t->padded_size = (g->height + 2 * g->padding_height) * t->padded_width;
  t->entries = g->kernel_height * g->kernel_width * g->output_height * g->output_width;
  return g->output_width < 8 && t->padded_size <= TABLE_PLANE && t->entries <= TABLE_ENTRIES;
}

/* offsets[(tap·OH + y)·OW + x]: where in the padded plane tap (ki, kj) at output (y, x) reads. */
static void make_offsets(const struct latent_convolution_geometry *g, const struct tap_table *t,
                         int *offsets) {
  long oh = g->output_height, ow = g->output_width;
  int *next = offsets;
  for (long ki = 0; ki < g->kernel_height; ki++)
    for (long kj = 0; kj < g->kernel_width; kj++)
      for (long y = 0; y < oh; y++)
        for (long x = 0; x < ow; x++)
          *next++ = (int)((y * g->stride_height + ki) * t->padded_width + x * g->stride_width +
                          kj);
}

/* out[i] = plane[offsets[i]] for i < count. */
static inline ALWAYS_INLINE void gather_plain(long count, const float *plane, const int *offsets,
                                              float *out) {
  for (long i = 0; i < count; i++) out[i] = plane[offsets[i]];
}

/* The interior of the padded plane: the image plane's rows (the zeros around them stay). */
static inline ALWAYS_INLINE void pad_plane(const struct latent_convolution_geometry *g,
                                           const struct tap_table *t, const float *plane,
                                           float *padded) {
  float *first = padded + g->padding_height * t->padded_width + g->padding_width;
  for (long iy = 0; iy < g->height; iy++)
    copy_values(g->width, plane + iy * g->width, first + iy * t->padded_width);
}

/* im2col through the table: per channel and image, the padded plane, then every tap. */
static inline ALWAYS_INLINE void table_im2col_body(const struct latent_convolution_geometry *g,
                                                   const struct tap_table *t,
                                                   const int *offsets, const float *images,
                                                   long batch, float *columns, float *padded) {
  long taps = g->kernel_height * g->kernel_width;
  long positions = g->output_height * g->output_width;
  long row_length = batch * positions;
  long plane_size = g->height * g->width;
  for (long i = 0; i < t->padded_size; i++) padded[i] = 0;
  for (long c = 0; c < g->channels; c++)
    for (long n = 0; n < batch; n++) {
      pad_plane(g, t, images + (n * g->channels + c) * plane_size, padded);
      float *target = columns + c * taps * row_length + n * positions;
      for (long tap = 0; tap < taps; tap++)
        gather_plain(positions, padded, offsets + tap * positions, target + tap * row_length);
    }
}

static void table_im2col_generic(const struct latent_convolution_geometry *g,
                                 const struct tap_table *t, const int *offsets,
                                 const float *images, long batch, float *columns,
                                 float *padded) {
  table_im2col_body(g, t, offsets, images, batch, columns, padded);
}

LEVEL_AVX2 static void table_im2col_avx2(const struct latent_convolution_geometry *g,
                                         const struct tap_table *t, const int *offsets,
                                         const float *images, long batch, float *columns,
                                         float *padded) {
  table_im2col_body(g, t, offsets, images, batch, columns, padded);
}

LEVEL_AVX512 static void table_im2col_avx512(const struct latent_convolution_geometry *g,
                                             const struct tap_table *t, const int *offsets,
                                             const float *images, long batch, float *columns,
                                             float *padded) {
  table_im2col_body(g, t, offsets, images, batch, columns, padded);
}

/* The table path at `level`. */
static void table_im2col(enum latent_kernel_level level,
                         const struct latent_convolution_geometry *g, const struct tap_table *t,
                         const float *images, long batch, float *columns) {
  int offsets[TABLE_ENTRIES];
  float padded[TABLE_PLANE];
  make_offsets(g, t, offsets);
  switch (level) {
  case LATENT_KERNEL_AVX512:
    table_im2col_avx512(g, t, offsets, images, batch, columns, padded);
    break;
  case LATENT_KERNEL_AVX2: table_im2col_avx2(g, t, offsets, images, batch, columns, padded); break;
  default: table_im2col_generic(g, t, offsets, images, batch, columns, padded); break;
  }
}

int latent_im2col(enum latent_kernel_level level, const struct latent_convolution_geometry *g,
                  const float *images, long batch, float *columns) {
  struct tap_table table;
  if (table_fits(g, &table)) {
    table_im2col(level, g, &table, images, batch, columns);
    return 0;
  }
  /* The phases and every kernel column's start, on the stack unless the rows are very wide
     or the kernel very large. */
  struct row_phases r = row_phases(g);
  long capacity = (g->kernel_height + g->stride_height) * r.stride * r.phase_length;
  float stack_phases[STACK_PHASES];
  long stack_starts[STACK_KERNEL];
  int large = capacity > STACK_PHASES || r.kernel > STACK_KERNEL;
  float *phases = large ? malloc(sizeof(float) * (unsigned long)capacity) : stack_phases;
  long *starts = large ? malloc(sizeof(long) * (unsigned long)r.kernel) : stack_starts;
  if (!phases || !starts) {
    if (large) {
      free(phases);
      free(starts);
    }
    return -1;
  }
  for (long kj = 0; kj < r.kernel; kj++) starts[kj] = phase_start(&r, kj);
  switch (level) {
  case LATENT_KERNEL_AVX512: im2col_avx512(g, &r, images, batch, columns, phases, starts); break;
  case LATENT_KERNEL_AVX2: im2col_avx2(g, &r, images, batch, columns, phases, starts); break;
  default: im2col_generic(g, &r, images, batch, columns, phases, starts); break;
  }
  if (large) {
    free(phases);
    free(starts);
  }
  return 0;
}
