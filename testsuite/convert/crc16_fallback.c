// SPDX-License-Identifier: GPL-2.0
/*
 * What the author writes in place of the skeleton "stubgen convert" left:
 * crc16() when crc16.ko cannot be loaded, computed bit by bit (the
 * polynomial x^16 + x^15 + x^2 + 1, reflected: 0xa001), so that a caller
 * gets the right checksum either way.
 */
#include "crc16_stub.h"

u16 crc16_fallback(u16 crc, u8 const *buffer, size_t len)
{
	int bit;

	while (len--) {
		crc ^= *buffer++;
		for (bit = 0; bit < 8; bit++)
			crc = (crc >> 1) ^ (crc & 1 ? 0xa001 : 0);
	}
	return crc;
}
