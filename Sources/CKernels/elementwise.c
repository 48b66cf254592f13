/* The elementwise hot loops of training and decoding: activations and their derivatives
   (with FastMath's polynomials), the Bernoulli and Gaussian likelihoods, the KL term,
   BatchNorm's per-channel loops and Adam's update
   (latent_kernels.h). One body (elementwise.inc) compiled for every level: 8 lanes at
   generic (two SSE registers) and AVX2, 16 at AVX-512. */
#include "latent_kernels.h"
#include "vectors.h"

/* Only MADD fuses a product and a sum (fast_math.inc): the same operations at AVX2 and
   AVX-512, whatever the compiler's choices. */
#pragma clang fp contract(off)

#define GELU_INVERSE_SQRT_2 0.707106781f
#define GELU_INVERSE_SQRT_2PI 0.398942280f
#define GELU_SQRT_2_OVER_PI 0.797884561f
#define GELU_CUBIC 0.044715f

/* Runs BODY (which reads `i` and `lanes`) over n values: whole vectors of LANES, then once
   for the last n mod LANES. */
#define VECTOR_LOOP(n, ...)                                                                    \
  do {                                                                                         \
    long whole_ = (n) / LANES * LANES;                                                         \
    for (long i = 0; i < whole_; i += LANES) {                                                 \
      const long lanes = LANES;                                                                \
      __VA_ARGS__                                                                              \
    }                                                                                          \
    if (whole_ < (n)) {                                                                        \
      const long i = whole_, lanes = (n) - whole_;                                             \
      __VA_ARGS__                                                                              \
    }                                                                                          \
  } while (0)

#define CONCATENATE(a, b) a##_##b
#define SUFFIXED(a, b) CONCATENATE(a, b)
#define NAME(x) SUFFIXED(x, LEVEL)

#define LEVEL generic
#define V v8f
#define VI v8i
#define LANES 8
#define MADD(a, b, c) ((a) * (b) + (c))
#define FUNCTION_ATTRIBUTES
#include "elementwise.inc"
#undef LEVEL
#undef MADD
#undef FUNCTION_ATTRIBUTES

#define LEVEL avx2
#define MADD(a, b, c) __builtin_elementwise_fma((a), (b), (c))
#define FUNCTION_ATTRIBUTES LEVEL_AVX2
#include "elementwise.inc"
#undef LEVEL
#undef V
#undef VI
#undef LANES
#undef FUNCTION_ATTRIBUTES

#define LEVEL avx512
#define V v16f
#define VI v16i
#define LANES 16
#define FUNCTION_ATTRIBUTES LEVEL_AVX512
#include "elementwise.inc"

void latent_activation_forward(enum latent_kernel_level level, enum latent_activation kind,
                               float a, float b, long n, const float *x, float *y) {
  switch (level) {
  case LATENT_KERNEL_AVX512: activation_forward_avx512(kind, a, b, n, x, y); break;
  case LATENT_KERNEL_AVX2: activation_forward_avx2(kind, a, b, n, x, y); break;
  default: activation_forward_generic(kind, a, b, n, x, y); break;
  }
}

void latent_activation_backward(enum latent_kernel_level level, enum latent_activation kind,
                                float a, float b, long n, const float *x, const float *y,
                                const float *dy, float *dx) {
  switch (level) {
  case LATENT_KERNEL_AVX512: activation_backward_avx512(kind, a, b, n, x, y, dy, dx); break;
  case LATENT_KERNEL_AVX2: activation_backward_avx2(kind, a, b, n, x, y, dy, dx); break;
  default: activation_backward_generic(kind, a, b, n, x, y, dy, dx); break;
  }
}

double latent_bernoulli_negative_log_likelihood(enum latent_kernel_level level, long n,
                                                const float *logits, const float *targets,
                                                float scale, float *gradient) {
  switch (level) {
  case LATENT_KERNEL_AVX512: return bernoulli_avx512(n, logits, targets, scale, gradient);
  case LATENT_KERNEL_AVX2: return bernoulli_avx2(n, logits, targets, scale, gradient);
  default: return bernoulli_generic(n, logits, targets, scale, gradient);
  }
}

double latent_adam_update(enum latent_kernel_level level, const struct latent_adam_step *step,
                          long n, float *theta, const float *gradient, float *m, float *v) {
  switch (level) {
  case LATENT_KERNEL_AVX512: return adam_avx512(step, n, theta, gradient, m, v);
  case LATENT_KERNEL_AVX2: return adam_avx2(step, n, theta, gradient, m, v);
  default: return adam_generic(step, n, theta, gradient, m, v);
  }
}

double latent_gaussian_squared_error(enum latent_kernel_level level, long n, const float *means,
                                     const float *targets, float factor, float *gradient) {
  switch (level) {
  case LATENT_KERNEL_AVX512: return gaussian_avx512(n, means, targets, factor, gradient);
  case LATENT_KERNEL_AVX2: return gaussian_avx2(n, means, targets, factor, gradient);
  default: return gaussian_generic(n, means, targets, factor, gradient);
  }
}

double latent_gaussian_kl(enum latent_kernel_level level, long n, const float *means,
                          const float *log_variances, float scale, float *mean_gradient,
                          float *log_variance_gradient) {
  switch (level) {
  case LATENT_KERNEL_AVX512:
    return gaussian_kl_avx512(n, means, log_variances, scale, mean_gradient,
                              log_variance_gradient);
  case LATENT_KERNEL_AVX2:
    return gaussian_kl_avx2(n, means, log_variances, scale, mean_gradient,
                            log_variance_gradient);
  default:
    return gaussian_kl_generic(n, means, log_variances, scale, mean_gradient,
                               log_variance_gradient);
  }
}

void latent_batchnorm_statistics(enum latent_kernel_level level, long batch, long stride,
                                 long plane, const float *x, float *mean, double *variance) {
  switch (level) {
  case LATENT_KERNEL_AVX512:
    batchnorm_statistics_avx512(batch, stride, plane, x, mean, variance);
    break;
  case LATENT_KERNEL_AVX2:
    batchnorm_statistics_avx2(batch, stride, plane, x, mean, variance);
    break;
  default: batchnorm_statistics_generic(batch, stride, plane, x, mean, variance); break;
  }
}

void latent_batchnorm_affine(enum latent_kernel_level level, long batch, long stride, long plane,
                             const float *x, float a, float b, float *y) {
  switch (level) {
  case LATENT_KERNEL_AVX512: batchnorm_affine_avx512(batch, stride, plane, x, a, b, y); break;
  case LATENT_KERNEL_AVX2: batchnorm_affine_avx2(batch, stride, plane, x, a, b, y); break;
  default: batchnorm_affine_generic(batch, stride, plane, x, a, b, y); break;
  }
}

void latent_batchnorm_gradient_sums(enum latent_kernel_level level, long batch, long stride,
                                    long plane, const float *x, const float *dy, float mean,
                                    double *sum_dy, double *sum_dy_centered) {
  switch (level) {
  case LATENT_KERNEL_AVX512:
    batchnorm_gradient_sums_avx512(batch, stride, plane, x, dy, mean, sum_dy, sum_dy_centered);
    break;
  case LATENT_KERNEL_AVX2:
    batchnorm_gradient_sums_avx2(batch, stride, plane, x, dy, mean, sum_dy, sum_dy_centered);
    break;
  default:
    batchnorm_gradient_sums_generic(batch, stride, plane, x, dy, mean, sum_dy, sum_dy_centered);
    break;
  }
}

void latent_batchnorm_input_gradient(enum latent_kernel_level level, long batch, long stride,
                                     long plane, const float *x, const float *dy, float mean,
                                     float slope, float a, float constant, float *dx) {
  switch (level) {
  case LATENT_KERNEL_AVX512:
    batchnorm_input_gradient_avx512(batch, stride, plane, x, dy, mean, slope, a, constant, dx);
    break;
  case LATENT_KERNEL_AVX2:
    batchnorm_input_gradient_avx2(batch, stride, plane, x, dy, mean, slope, a, constant, dx);
    break;
  default:
    batchnorm_input_gradient_generic(batch, stride, plane, x, dy, mean, slope, a, constant, dx);
    break;
  }
}
