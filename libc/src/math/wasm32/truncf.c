#include <math.h>

/* One wasm instruction. */
float truncf(float x)
{
	return __builtin_truncf(x);
}
