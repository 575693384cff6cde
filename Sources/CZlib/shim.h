// zlib, for reading gzip-rotated log files (Debian: zlib1g-dev).
#include <zlib.h>
