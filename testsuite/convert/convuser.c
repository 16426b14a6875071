// SPDX-License-Identifier: GPL-2.0
/*
 * convuser: a module built against the exports of the original crc16,
 * crc-itu-t and reed_solomon modules, as Debian builds them, not against
 * stub modules (testsuite/convert.sh).  Writing to its parameter "run"
 * calls their functions and prints what they answered, which the test
 * compares between the original modules and the converted pairs:
 *	convuser: crc16 XXXX crc_itu_t XXXX
 *	convuser: rs corrected N restored 0|1 parity HEX
 * or "convuser: rs init_rs failed".
 */
#include <linux/crc-itu-t.h>
#include <linux/crc16.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/rslib.h>
#include <linux/string.h>

/* RS(255) over GF(2^8), 8 parity symbols: corrects 4 errors */
#define RS_SYMSIZE	8
#define RS_GFPOLY	0x11d
#define RS_NROOTS	8

static const u8 data[] = "modstub converts a real module";

static void run_rs(void)
{
	u8 buf[sizeof(data)];
	uint16_t par[RS_NROOTS];
	struct rs_control *rs;
	u8 parity[RS_NROOTS];
	int corrected, i;

	rs = init_rs(RS_SYMSIZE, RS_GFPOLY, 0, 1, RS_NROOTS);
	if (!rs) {
		pr_info("convuser: rs init_rs failed\n");
		return;
	}
	memcpy(buf, data, sizeof(buf));
	memset(par, 0, sizeof(par));
	encode_rs8(rs, buf, sizeof(buf), par, 0);
	for (i = 0; i < RS_NROOTS; i++)
		parity[i] = par[i];
	/* two symbol errors */
	buf[3] ^= 0x5a;
	buf[17] ^= 0x01;
	corrected = decode_rs8(rs, buf, par, sizeof(buf), NULL, 0, NULL, 0,
			       NULL);
	pr_info("convuser: rs corrected %d restored %d parity %*phN\n",
		corrected, memcmp(buf, data, sizeof(buf)) == 0,
		(int)sizeof(parity), parity);
	free_rs(rs);
}

static int run_set(const char *val, const struct kernel_param *kp)
{
	pr_info("convuser: crc16 %04x crc_itu_t %04x\n",
		crc16(0, data, sizeof(data)),
		crc_itu_t(0xffff, data, sizeof(data)));
	run_rs();
	return 0;
}

static const struct kernel_param_ops run_ops = {
	.set = run_set,
};
module_param_cb(run, &run_ops, NULL, 0200);
MODULE_PARM_DESC(run, "Write anything: call the functions once, print their answers");

MODULE_DESCRIPTION("modstub test: a caller of crc16, crc-itu-t and reed_solomon");
MODULE_LICENSE("GPL");
