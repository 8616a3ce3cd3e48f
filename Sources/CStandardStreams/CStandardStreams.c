#include "CStandardStreams.h"

#include <errno.h>
#include <stdio.h>

int standard_output_finish(void) {
    errno = 0;
    if (fflush(stdout) != 0) return errno != 0 ? errno : -1;
    if (ferror(stdout)) return -1;
    return 0;
}

void standard_error_write(const char *bytes, unsigned long length) {
    fwrite(bytes, 1, length, stderr);
    fflush(stderr);
}
