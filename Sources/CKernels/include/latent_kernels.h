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

/* A convolution's geometry for im2col and col2im: images [N][C][H][W], a kernel of kh × kw
   taps moving by the strides over the image with its zero padding, OH × OW positions. The
   kernel must fit the padded image (H + 2·ph ≥ kh, W + 2·pw ≥ kw), as Conv2d checks. */
struct latent_convolution_geometry {
  long channels, height, width;
  long kernel_height, kernel_width;
  long stride_height, stride_width;
  long padding_height, padding_width;
  long output_height, output_width;
};

/* Fills columns [C·kh·kw][batch·OH·OW] from images [batch][C][H][W]: row (c·kh + ki)·kw + kj
   holds, for every position of every image, the pixel tap (ki, kj) of channel c sees (0 in
   the padding). Returns 0, or −1 when scratch for very wide rows could not be allocated. */
int latent_im2col(enum latent_kernel_level level, const struct latent_convolution_geometry *g,
                  const float *images, long batch, float *columns);

/* Sums columns [C·kh·kw][batch·OH·OW] back into images [batch][C][H][W] (overwritten), plus
   bias[c] on channel c unless bias is NULL: the adjoint of latent_im2col. Every level adds
   the same values in the same order (the same bits). Returns 0, or −1 when scratch for very
   wide rows or kernels could not be allocated. */
int latent_col2im(enum latent_kernel_level level, const struct latent_convolution_geometry *g,
                  const float *columns, long batch, float *images, const float *bias);

/* destination[j][i][·] = source[i][j][·] + bias[i] (no bias when NULL) for source laid out
   [a][b][block]: NCHW images ↔ a product's [C][N·P] rows. The same bits at every level. */
void latent_swap_outer(enum latent_kernel_level level, const float *source, long a, long b,
                       long block, const float *bias, float *destination);

/* sums[c] = Σ_n Σ_i values[(n·channels + c)·plane + i] (a bias's gradient), or sums[c] += it
   when accumulate is non-zero: 16-lane Float sums per 4096 values, added in double. The same
   bits at every level. */
void latent_channel_sums(enum latent_kernel_level level, long batch, long channels, long plane,
                         const float *values, int accumulate, float *sums);

/* The activations of NeuralCore's ElementwiseLayer (its Activation, identity aside). */
enum latent_activation {
  LATENT_ACTIVATION_RELU = 0,
  LATENT_ACTIVATION_LEAKY_RELU = 1, /* a: the slope for x ≤ 0 */
  LATENT_ACTIVATION_TANH = 2,
  LATENT_ACTIVATION_SIGMOID = 3,
  LATENT_ACTIVATION_ELU = 4,       /* a: α */
  LATENT_ACTIVATION_GELU = 5,      /* exact, through erf */
  LATENT_ACTIVATION_GELU_TANH = 6, /* PyTorch's tanh approximation */
  LATENT_ACTIVATION_SILU = 7,
  LATENT_ACTIVATION_SOFTPLUS = 8, /* a: β, b: the threshold of βx above which y = x */
};

/* y[i] = f(x[i]) for i < n (x and y may be the same array). */
void latent_activation_forward(enum latent_kernel_level level, enum latent_activation kind,
                               float a, float b, long n, const float *x, float *y);

/* dx[i] = f'(x[i])·dy[i] for i < n, from the forward pass's x and y = f(x). */
void latent_activation_backward(enum latent_kernel_level level, enum latent_activation kind,
                                float a, float b, long n, const float *x, const float *y,
                                const float *dy, float *dx);

/* Σ over n pixels of max(l, 0) − l·x + log(1 + e^{−|l|}) (nats; binary cross-entropy with
   logits l, targets x in [0, 1]); writes scale·(σ(l) − x) into gradient unless it is NULL. */
double latent_bernoulli_negative_log_likelihood(enum latent_kernel_level level, long n,
                                                const float *logits, const float *targets,
                                                float scale, float *gradient);

/* Σ over n values of (means[i] − targets[i])², summed as the Bernoulli likelihood; writes
   factor·(means[i] − targets[i]) into gradient (a Gaussian likelihood's scaled dNLL/dμ). */
double latent_gaussian_squared_error(enum latent_kernel_level level, long n, const float *means,
                                     const float *targets, float factor, float *gradient);

/* Σ over n dimensions of KL(N(μ, e^{lv}) ‖ N(0, 1)) = −½(1 + lv − μ² − e^{lv}) (nats, in float
   lanes); adds scale·μ to mean_gradient and scale·½(e^{lv} − 1) to log_variance_gradient. */
double latent_gaussian_kl(enum latent_kernel_level level, long n, const float *means,
                          const float *log_variances, float scale, float *mean_gradient,
                          float *log_variance_gradient);

/* BatchNorm over one channel: `batch` rows of `plane` values, `stride` floats apart (NCHW:
   stride C·plane). Rows are summed in float lanes (8 at generic and AVX2, 16 at AVX-512), the
   rows' sums in double; products and sums are fused at AVX2 and AVX-512. */

/* mean = Σx/m (m = batch·plane), variance = Σ(x − mean)²/m (biased). */
void latent_batchnorm_statistics(enum latent_kernel_level level, long batch, long stride,
                                 long plane, const float *x, float *mean, double *variance);

/* y = a·x + b. */
void latent_batchnorm_affine(enum latent_kernel_level level, long batch, long stride, long plane,
                             const float *x, float a, float b, float *y);

/* Σ dy and Σ dy·(x − mean). */
void latent_batchnorm_gradient_sums(enum latent_kernel_level level, long batch, long stride,
                                    long plane, const float *x, const float *dy, float mean,
                                    double *sum_dy, double *sum_dy_centered);

/* dx = (x − mean)·slope + (a·dy + constant). */
void latent_batchnorm_input_gradient(enum latent_kernel_level level, long batch, long stride,
                                     long plane, const float *x, const float *dy, float mean,
                                     float slope, float a, float constant, float *dx);

/* One step of Adam (PyTorch's torch.optim.Adam) for one parameter. */
struct latent_adam_step {
  float beta1, beta2, epsilon, weight_decay;
  float gradient_scale;   /* the clipping factor applied to the gradient (1: none) */
  float step_size;        /* learning rate / (1 − β₁ᵗ) */
  float root_correction2; /* √(1 − β₂ᵗ) */
};

/* g = gradient·gradient_scale + weight_decay·θ; m = β₁m + (1 − β₁)g; v = β₂v + (1 − β₂)g²;
   θ −= step_size·m / (√v / root_correction2 + ε), over n values. Returns Σ gradient² (before
   scaling). */
double latent_adam_update(enum latent_kernel_level level, const struct latent_adam_step *step,
                          long n, float *theta, const float *gradient, float *m, float *v);

#endif
