/* What the kernels share: vector types, the function attributes of each level, unaligned
   loads and stores. Included by every kernel file (not part of the module's interface). */
#ifndef LATENT_KERNEL_VECTORS_H
#define LATENT_KERNEL_VECTORS_H

/* a·b + c in one FMA instruction wherever the level has one. */
#pragma clang fp contract(fast)

typedef float v4f __attribute__((vector_size(16)));
typedef float v8f __attribute__((vector_size(32)));
typedef float v16f __attribute__((vector_size(64)));
typedef int v8i __attribute__((vector_size(32)));
typedef int v16i __attribute__((vector_size(64)));

#define ALWAYS_INLINE __attribute__((always_inline))

/* Every helper taking or returning a vector is always inlined into a level's function, so
   no vector crosses a call and the ABI warning about wide vectors does not apply. */
#pragma clang diagnostic ignored "-Wpsabi"

/* The code of each level. Generic is the target's baseline (SSE2 on x86-64); the block
   helpers below are inlined into each level's entry function and compiled for it there. */
#if defined(__x86_64__)
#define LEVEL_AVX2 __attribute__((target("avx2,fma")))
#define LEVEL_AVX512 __attribute__((target("avx512f,avx512bw,avx512dq,avx512vl,avx2,fma")))
#else
#define LEVEL_AVX2
#define LEVEL_AVX512
#endif

static inline ALWAYS_INLINE v4f load4(const float *p) {
  v4f v;
  __builtin_memcpy(&v, p, sizeof v);
  return v;
}

static inline ALWAYS_INLINE v8f load8(const float *p) {
  v8f v;
  __builtin_memcpy(&v, p, sizeof v);
  return v;
}

static inline ALWAYS_INLINE v16f load16(const float *p) {
  v16f v;
  __builtin_memcpy(&v, p, sizeof v);
  return v;
}

static inline ALWAYS_INLINE void store4(float *p, v4f v) { __builtin_memcpy(p, &v, sizeof v); }
static inline ALWAYS_INLINE void store8(float *p, v8f v) { __builtin_memcpy(p, &v, sizeof v); }
static inline ALWAYS_INLINE void store16(float *p, v16f v) { __builtin_memcpy(p, &v, sizeof v); }

static inline ALWAYS_INLINE v8f splat8(float x) { return (v8f){x, x, x, x, x, x, x, x}; }
static inline ALWAYS_INLINE v16f splat16(float x) {
  return (v16f){x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x};
}

static inline long min_long(long a, long b) { return a < b ? a : b; }
static inline long max_long(long a, long b) { return a > b ? a : b; }

#endif
