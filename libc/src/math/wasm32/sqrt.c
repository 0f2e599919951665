#include <math.h>

/* One wasm instruction. */
double sqrt(double x)
{
	return __builtin_sqrt(x);
}
