/*
 * fuzz_bundle_bytes.c - libFuzzer: a real bundle with some of its bytes
 * overwritten as the input says (damaged pages, headers, indexes), read by
 * material_load: refused with a message, or accepted and sound; never a
 * crash or a leak.
 *
 * The golden fixture's bundle as built, constraints and indexes intact,
 * fonts made small (fuzzlib.h).  The input: a byte whose low bit says
 * whether the seal is checked (a damaged page is mostly caught by the
 * seal; without it, by the reader and integrity_check), then patches:
 * three bytes of offset (modulo the size), a length (up to 64) and that
 * many bytes.
 */
#include "fuzzlib.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PATCHES 16

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const unsigned char *base;
	size_t len, at = 0;
	fuzz_base(0, &base, &len);
	if (!size)
		return 0;
	unsigned char *copy = malloc(len);
	memcpy(copy, base, len);
	int skip_seal = data[at++] & 1;
	for (int k = 0; k < MAX_PATCHES && at + 4 <= size; k++) {
		size_t off = ((size_t)data[at] << 16 | (size_t)data[at + 1] << 8 | data[at + 2]) % len;
		size_t n = data[at + 3] % 65;
		at += 4;
		for (size_t i = 0; i < n && at < size; i++)
			copy[(off + i) % len] = data[at++];
	}
	fuzz_load_and_check(fuzz_scratch(copy, len), skip_seal);
	free(copy);
	return 0;
}
