#ifndef LATENT_COPENBLAS_SHIM_H
#define LATENT_COPENBLAS_SHIM_H
#include <cblas.h>
/* openblas_set_num_threads / openblas_get_num_threads are declared by OpenBLAS' cblas.h. */
#endif
