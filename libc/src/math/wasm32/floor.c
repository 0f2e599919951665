#include <math.h>

/* One wasm instruction. */
double floor(double x)
{
	return __builtin_floor(x);
}
