#include <math.h>

/* One wasm instruction. */
double fabs(double x)
{
	return __builtin_fabs(x);
}
