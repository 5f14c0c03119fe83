/*
 * A stand-in for Windows' bcryptprimitives.dll, for running zi.exe under Wine 8 (Debian 12),
 * which has no such DLL. Rust's standard library (1.78 on) draws its random numbers from its one
 * export ProcessPrng; here it comes from RtlGenRandom (advapi32's SystemFunction036), which Wine
 * implements. scripts/windows.sh builds it into the test's own Wine prefix, never into the
 * user's ~/.wine; Wine 9.1 and later ship the real one.
 *
 *   x86_64-w64-mingw32-gcc -shared -O2 -s -o bcryptprimitives.dll bcryptprimitives.c -ladvapi32
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    /* RtlGenRandom takes at most a ULONG per call; Windows' own ProcessPrng always succeeds. */
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
