#include <math.h>

/* One wasm instruction. */
float sqrtf(float x)
{
	return __builtin_sqrtf(x);
}
