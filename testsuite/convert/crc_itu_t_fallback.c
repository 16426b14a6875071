// SPDX-License-Identifier: GPL-2.0
/*
 * What the author writes in place of the skeleton "stubgen convert" left:
 * crc_itu_t() when crc_itu_t.ko cannot be loaded, computed bit by bit
 * (the polynomial x^16 + x^12 + x^5 + 1, 0x1021, most significant bit
 * first).
 */
#include "crc_itu_t_stub.h"

u16 crc_itu_t_fallback(u16 crc, const u8 *buffer, size_t len)
{
	int bit;

	while (len--) {
		crc ^= (u16)*buffer++ << 8;
		for (bit = 0; bit < 8; bit++)
			crc = (crc << 1) ^ (crc & 0x8000 ? 0x1021 : 0);
	}
	return crc;
}
