#include <math.h>

/* One wasm instruction. */
float floorf(float x)
{
	return __builtin_floorf(x);
}
