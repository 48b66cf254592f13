/* A stride-1 convolution with few output channels computed directly (a decoder's last
   layer, 32 channels to RGB): every output pixel the sum of the kernel's taps times shifted
   padded input rows, in registers (latent_kernels.h). */
#include "latent_kernels.h"
#include "vectors.h"

enum { GROUP_CHANNELS = 4, WIDEST_BLOCK = 32 };

/* One output row's 16·V pixels (V = 1 or 2) for `channels` output channels (1…4): bias plus
   Σ over input channels and taps of weight × padded input from `input`; stored at `y`,
   output channels `channel_stride` apart. `weight` is the first channel's [C][kh][kw], the
   others `taps` apart. */
static inline ALWAYS_INLINE void sliding_block(int channels, int V, const float *input,
                                               const struct latent_sliding_geometry *g,
                                               const float *weight, long taps,
                                               const float *bias, float *y,
                                               long channel_stride) {
  v16f acc[GROUP_CHANNELS][2];
  for (int o = 0; o < channels; o++)
    for (int v = 0; v < V; v++) acc[o][v] = splat16(bias ? bias[o] : 0);
  const float *w = weight;
  for (long c = 0; c < g->channels; c++)
    for (long ki = 0; ki < g->kernel_height; ki++) {
      const float *line = input + c * g->plane + ki * g->row_length;
      for (long kj = 0; kj < g->kernel_width; kj++) {
        v16f pixels[2];
        for (int v = 0; v < V; v++) pixels[v] = load16(line + kj + 16 * v);
        for (int o = 0; o < channels; o++) {
          v16f wo = splat16(w[o * taps]);
          for (int v = 0; v < V; v++) acc[o][v] += wo * pixels[v];
        }
        w++;
      }
    }
  for (int o = 0; o < channels; o++)
    for (int v = 0; v < V; v++) store16(y + o * channel_stride + 16 * v, acc[o][v]);
}

/* Row by row, group of 4 output channels by group, block of 16·V pixels by block: whole
   blocks, the last one ending at the row's end (overlapping the one before); a row narrower
   than a block goes through a tile. */
static inline ALWAYS_INLINE void sliding_rows(int V, const struct latent_sliding_geometry *g,
                                              const float *band, const float *weight,
                                              const float *bias, long output_channels,
                                              long first_row, long rows, float *y) {
  long block_pixels = 16 * V;
  long oh = g->output_height, ow = g->output_width;
  long taps = g->channels * g->kernel_height * g->kernel_width;
  long blocks = (ow + block_pixels - 1) / block_pixels;
  int narrow = ow < block_pixels;
  float tile[GROUP_CHANNELS * WIDEST_BLOCK];
  for (long row = first_row; row < first_row + rows; row++) {
    const float *input = band + (row - first_row) * g->row_length;
    for (long first = 0; first < output_channels; first += GROUP_CHANNELS) {
      long channels = min_long(GROUP_CHANNELS, output_channels - first);
      const float *w = weight + first * taps;
      const float *b = bias ? bias + first : 0;
      for (long index = 0; index < blocks; index++) {
        long x = min_long(index * block_pixels, max_long(ow - block_pixels, 0));
        float *target = narrow ? tile : y + (first * oh + row) * ow + x;
        long channel_stride = narrow ? block_pixels : oh * ow;
        switch (channels) {
        case 1: sliding_block(1, V, input + x, g, w, taps, b, target, channel_stride); break;
        case 2: sliding_block(2, V, input + x, g, w, taps, b, target, channel_stride); break;
        case 3: sliding_block(3, V, input + x, g, w, taps, b, target, channel_stride); break;
        default: sliding_block(4, V, input + x, g, w, taps, b, target, channel_stride); break;
        }
        if (!narrow) continue;
        for (long o = 0; o < channels; o++)
          __builtin_memcpy(y + ((first + o) * oh + row) * ow, tile + o * block_pixels,
                           (unsigned long)ow * sizeof(float));
      }
    }
  }
}

/* 4 channels × 16 pixels: 16 xmm accumulators. */
static void sliding_generic(const struct latent_sliding_geometry *g, const float *band,
                            const float *weight, const float *bias, long output_channels,
                            long first_row, long rows, float *y) {
  sliding_rows(1, g, band, weight, bias, output_channels, first_row, rows, y);
}

/* 4 channels × 16 pixels: 8 ymm accumulators. */
LEVEL_AVX2 static void sliding_avx2(const struct latent_sliding_geometry *g, const float *band,
                                    const float *weight, const float *bias,
                                    long output_channels, long first_row, long rows, float *y) {
  sliding_rows(1, g, band, weight, bias, output_channels, first_row, rows, y);
}

/* 4 channels × 32 pixels: 8 zmm accumulators (RGB: 6, each load of input serving three
   FMAs). */
LEVEL_AVX512 static void sliding_avx512(const struct latent_sliding_geometry *g,
                                        const float *band, const float *weight,
                                        const float *bias, long output_channels,
                                        long first_row, long rows, float *y) {
  sliding_rows(2, g, band, weight, bias, output_channels, first_row, rows, y);
}

void latent_sliding_convolution(enum latent_kernel_level level,
                                const struct latent_sliding_geometry *geometry,
                                const float *band, const float *weight, const float *bias,
                                long output_channels, long first_row, long rows, float *y) {
  switch (level) {
  case LATENT_KERNEL_AVX512:
    sliding_avx512(geometry, band, weight, bias, output_channels, first_row, rows, y);
    break;
  case LATENT_KERNEL_AVX2:
    sliding_avx2(geometry, band, weight, bias, output_channels, first_row, rows, y);
    break;
  default:
    sliding_generic(geometry, band, weight, bias, output_channels, first_row, rows, y);
    break;
  }
}
