#ifndef LATENT_COPENBLAS_SHIM_H
#define LATENT_COPENBLAS_SHIM_H
#include <cblas.h>

/* OpenBLAS is not linked: NeuralCore loads it with dlopen on the first product, so a
   process that never multiplies (latent --help, latent show) does not pay for OpenBLAS
   starting its thread pool. These are the types of the entry points it looks up; the
   prototypes come from cblas.h, so a mismatch is a compile error. */
typedef __typeof__(&cblas_sgemm) latent_sgemm_function;
typedef __typeof__(&cblas_sgemv) latent_sgemv_function;
typedef __typeof__(&openblas_set_num_threads) latent_set_threads_function;
typedef __typeof__(&openblas_get_num_threads) latent_get_threads_function;
typedef __typeof__(&openblas_get_config) latent_get_string_function;
#endif
