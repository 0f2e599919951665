#include <math.h>

/* One wasm instruction. */
float fabsf(float x)
{
	return __builtin_fabsf(x);
}
