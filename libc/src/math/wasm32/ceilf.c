#include <math.h>

/* One wasm instruction. */
float ceilf(float x)
{
	return __builtin_ceilf(x);
}
