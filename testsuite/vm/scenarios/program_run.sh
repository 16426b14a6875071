# Module programs (modrun): the packed executables run their modules from
# memory with the exact argv, exit with main's status, move stdin and
# stdout byte for byte and in a pipe, stop on SIGINT, clean up after a
# SIGKILL of the launcher, and remove the modules they loaded; the
# user-space builds of the examples print the same.
# (/tmp/out is the harness's: not a name for files here)
P=/lib/modules/$(uname -r)/spare
stats() { awk -v k="$1" '$1 == k { print $2 }' /sys/kernel/debug/modrun/stats; }
# hexargs ARG...: what "tprog args ARG..." prints, computed here
hexargs() { for a in "$@"; do printf '%s' "$a" | od -An -tx1 | tr -d ' \n'; echo; done; }

[ -x $P/hello ] || die "no packed hello in $P"
expect_absent hello modrun

# hello: loads modrun (modprobe) and hello (from its own image)
out=$($P/hello 0 "two words") || die "hello failed: $?"
expect_eq "hello's first line" "$(echo "$out" | head -1)" "hello from $P/hello, 2 arguments"
expect_eq "hello's argv[2]" "$(echo "$out" | sed -n 3p)" 'argv[2] = "two words" (9 bytes)'
expect_loaded modrun
wait_absent hello 2000 > /dev/null
[ -f /lib/modules/$(uname -r)/extra/hello.ko ] || die "hello.ko missing"

# exact argv: spaces, quotes, empty strings, non-ASCII, 100 arguments
set -- "a b" "" "'\"" "é€" "-x" "  " "tab	here"
i=0
while [ $i -lt 93 ]; do set -- "$@" "arg$i"; i=$((i + 1)); done
expect_eq "argument count" "$#" 100
got=$($P/tprog args "$@") || die "tprog args failed: $?"
expect_eq "argv byte for byte" "$got" "$(hexargs "$@")"

# exit statuses: main's, abort's, a thread's exit()
for s in 0 1 42 255; do
	$P/tprog exit $s
	expect_eq "exit status $s" $? $s
done
$P/tprog abort 2> /dev/null
expect_eq "abort(): 128 + SIGABRT" $? 134
$P/tprog exitthread 5
expect_eq "exit(5) from a thread" $? 5
$P/tprog nomem
expect_eq "malloc() of 1 TiB: NULL, ENOMEM, and no warning" $? 0
# pthread_join() of a bad handle, of itself, twice: ESRCH, EDEADLK, EINVAL
out=$($P/tprog join) || die "tprog join failed: $?"
expect_eq "pthread_join()'s errors" "$out" "bad 3
self 35
first 0 42
again 22"
out=$($P/tprog atexit)
expect_eq "status with atexit handlers" $? 3
expect_eq "atexit handlers in reverse order" "$out" "atexit second registered, runs first
atexit first registered, runs last"
# main returns while its threads sleep: the instance ends with main's
# status, its threads stopped
$P/tprog threads 3 > /dev/null
expect_eq "main returns with threads running" $? 7
expect_eq "threads left" "$(stats threads)" 0

# a byte-exact 1 MiB binary round trip through stdin and stdout
head -c 1048576 /dev/urandom > /tmp/in
$P/kcat < /tmp/in > /tmp/kcat.out || die "kcat failed: $?"
cmp /tmp/in /tmp/kcat.out || die "kcat changed the data"
# three programs in a pipe
od -An -tx1 -v /tmp/in | head -2000 > /tmp/text
$P/kcat < /tmp/text | $P/kupper | $P/kcat > /tmp/upper || die "the pipe failed"
tr a-z A-Z < /tmp/text > /tmp/expect
cmp /tmp/upper /tmp/expect || die "kcat | kupper | kcat: wrong output"

# the kernel's SHA-256 (crypto API) is sha256sum's; three in a pipe
expect_eq "ksha256 of 1 MiB" "$($P/ksha256 < /tmp/in)" "$(sha256sum < /tmp/in)"
expect_eq "kcat | kupper | ksha256" "$($P/kcat < /tmp/text | $P/kupper | $P/ksha256)" \
	"$(tr a-z A-Z < /tmp/text | sha256sum)"

# the user-space builds of the same sources print the same
expect_eq "hello, user build" "$($P/hello-user 0 'a b' '' | tail -n +2)" \
	"$($P/hello 0 'a b' '' | tail -n +2)"
for p in kcat kupper ksha256; do
	expect_eq "$p, user build" "$($P/$p-user < /tmp/text | sha256sum)" \
		"$($P/$p < /tmp/text | sha256sum)"
done

# the sampler: a thread writes a line every 20 ms; 5 samples, or until
# SIGINT (pause() in main wakes, the thread stops, main says how many)
expect_eq "ksample 20 5" "$($P/ksample 20 5 2> /tmp/ks.err | wc -l)" 5
expect_eq "ksample's count" "$(cat /tmp/ks.err)" "5 samples"
$P/ksample 20 > /tmp/ks.out 2> /tmp/ks.err &
pid=$!
sleep 1
kill -INT $pid
wait $pid
expect_eq "ksample after SIGINT" $? 0
n=$(wc -l < /tmp/ks.out)
[ "$n" -ge 5 ] || die "ksample took $n samples in 1 s"
expect_eq "ksample's count after SIGINT" "$(cat /tmp/ks.err)" "$n samples"
awk 'NR > 1 && $2 < last { exit 1 } { last = $2 } $3 <= 0 { exit 1 }' /tmp/ks.out ||
	die "ksample's lines: $(head -3 /tmp/ks.out)"

# SIGINT: main's handler runs, main returns, the launcher exits with it
$P/tprog wait > /tmp/wait.out &
pid=$!
i=0
until grep -qs waiting /tmp/wait.out; do
	i=$((i + 1)); [ $i -gt 100 ] && die "tprog wait did not start"; sleep 0.1
done
kill -INT $pid
wait $pid
expect_eq "status after SIGINT" $? 42
expect_eq "output after SIGINT" "$(tail -1 /tmp/wait.out)" "stopped by signal 2"

# two instances at once share the module; SIGKILL of one launcher leaves
# the other running, and within 2 s no instance, memory or module remains
$P/tprog hold 4000000 > /tmp/h1 &
p1=$!
$P/tprog hold 3000000 > /tmp/h2 &
p2=$!
i=0
until grep -qs held /tmp/h1 && grep -qs held /tmp/h2; do
	i=$((i + 1)); [ $i -gt 100 ] && die "the two instances did not start"; sleep 0.1
done
expect_eq "instances of tprog" "$(stats instances)" 2
[ "$(stats bytes)" -ge 7000000 ] || die "the instances hold $(stats bytes) bytes"
kill -9 $p1
wait $p1 2> /dev/null
t0=$(now_ms)
while [ "$(stats instances)" != 1 ]; do
	[ $(($(now_ms) - t0)) -gt 2000 ] && die "the killed instance is still there after 2 s"
	sleep 0.05
done
expect_loaded tprog
kill -0 $p2 || die "the other instance's launcher died"
kill -9 $p2
wait $p2 2> /dev/null
t0=$(now_ms)
while [ "$(stats instances)" != 0 ] || loaded tprog; do
	[ $(($(now_ms) - t0)) -gt 2000 ] && die "after SIGKILL: $(stats instances) instances, tprog $(loaded tprog && echo loaded) after 2 s"
	sleep 0.05
done
expect_eq "bytes left" "$(stats bytes)" 0
expect_eq "allocations left" "$(stats allocations)" 0
expect_eq "threads left" "$(stats threads)" 0

# a program that does not read a large stdin: the launcher's memory stays
# bounded (it reads a block at a time, and the kernel buffers 64 KiB)
head -c 67108864 /dev/zero | $P/tprog noread 3 &
pid=$!
sleep 2
rss=$(awk '/^VmRSS/ { print $2 }' /proc/$pid/status)
[ "$rss" -lt 16384 ] || die "the launcher holds $rss KiB while its program does not read"
wait $pid
expect_eq "noread status" $? 0

# only CAP_SYS_MODULE opens the device
expect_eq "mode of /dev/modrun" "$(stat -c %a /dev/modrun)" 600

wait_absent tprog 2000 > /dev/null
expect_absent hello kcat kupper ksha256 ksample tprog
rmmod modrun || die "cannot remove modrun"
