// The PostgreSQL project's own C client (Debian's libpq-dev).
#include <postgresql/libpq-fe.h>
