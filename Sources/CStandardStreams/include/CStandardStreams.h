#ifndef C_STANDARD_STREAMS_H
#define C_STANDARD_STREAMS_H

/// Flushes the C standard output (where Swift's `print` writes) and reports its state: 0 when
/// everything printed reached the file, else the errno of the failure (or -1 when the stream's
/// error flag was set by an earlier write whose errno is gone). Swift 6 cannot name `stdout`
/// (a mutable global), hence this shim.
int standard_output_finish(void);

/// Writes `length` bytes to the C standard error and flushes it; failures are ignored (there is
/// nowhere left to report them).
void standard_error_write(const char *bytes, unsigned long length);

#endif
