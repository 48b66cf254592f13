/* Counts heap allocations, for checking that a training step allocates nothing.
 *
 * Build:  cc -shared -fPIC -O2 -o alloccount.so alloccount.c
 * Use:    LD_PRELOAD=./alloccount.so latent bench --only train --allocations
 *
 * Every allocation entry point of glibc is wrapped; the program reads the
 * count through latent_allocation_count(), which it finds with dlsym. */
#include <stdatomic.h>
#include <stddef.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);

static atomic_ulong allocations;

static void counted(void) { atomic_fetch_add_explicit(&allocations, 1, memory_order_relaxed); }

void *malloc(size_t size) { counted(); return __libc_malloc(size); }
void *calloc(size_t count, size_t size) { counted(); return __libc_calloc(count, size); }
void *realloc(void *pointer, size_t size) { counted(); return __libc_realloc(pointer, size); }
void *memalign(size_t alignment, size_t size) { counted(); return __libc_memalign(alignment, size); }
void *aligned_alloc(size_t alignment, size_t size) { counted(); return __libc_memalign(alignment, size); }

int posix_memalign(void **result, size_t alignment, size_t size) {
  counted();
  void *pointer = __libc_memalign(alignment, size);
  if (pointer == NULL) return 12; /* ENOMEM */
  *result = pointer;
  return 0;
}

unsigned long latent_allocation_count(void) {
  return atomic_load_explicit(&allocations, memory_order_relaxed);
}
