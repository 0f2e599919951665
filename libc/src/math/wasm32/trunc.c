#include <math.h>

/* One wasm instruction. */
double trunc(double x)
{
	return __builtin_trunc(x);
}
