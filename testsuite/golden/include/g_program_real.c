// SPDX-License-Identifier: GPL-2.0
/* The main() of the golden case program (modrun runs it) */
int main(int argc, char **argv);

int main(int argc, char **argv)
{
	(void)argv;
	return argc;
}
