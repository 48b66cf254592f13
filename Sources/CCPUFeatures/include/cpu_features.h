#ifndef LATENT_CPU_FEATURES_H
#define LATENT_CPU_FEATURES_H

/* 1 when this CPU runs AVX2 and FMA code (x86-64-v3, what "-target-cpu haswell" emits),
   else 0. Built without those instructions, so it is safe to call on any x86-64 CPU. */
int latent_cpu_has_avx2_fma(void);

#endif
