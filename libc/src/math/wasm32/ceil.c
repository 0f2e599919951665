#include <math.h>

/* One wasm instruction. */
double ceil(double x)
{
	return __builtin_ceil(x);
}
