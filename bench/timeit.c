/* Runs a command and measures each run: wall time (CLOCK_MONOTONIC, from
 * just before fork to the return of wait4) and peak resident set size
 * (ru_maxrss from wait4, the figure GNU time's %M prints, which covers the
 * command and the processes it waited for), both from the same run.
 *
 *     timeit [-n RUNS] [-t SECONDS] [-o FILE] [-e FILE] [-C DIR] -- CMD [ARG ...]
 *
 * One line per run on stdout: "WALL_SECONDS CPU_SECONDS MAXRSS_KB STATUS",
 * CPU being user + system time of the command (and what it waited for), and
 * STATUS the exit status, 128 + the signal for a command killed by a signal, or
 * "timeout" when the run took longer than -t SECONDS (it is then killed with
 * its process group). The command's stdin is /dev/null; its stdout and
 * stderr go to -o and -e (default /dev/null), truncated at each run.
 *
 * Build: cc -std=c11 -O2 -o build/bench/timeit bench/timeit.c            */
#define _DEFAULT_SOURCE
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t timed_out;

static void on_alarm(int sig)
{
	(void)sig;
	timed_out = 1;
}

static void redirect(int fd, const char *path, int flags)
{
	int f = open(path, flags, 0644);
	if (f < 0) {
		fprintf(stderr, "timeit: %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	if (f != fd) {
		dup2(f, fd);
		close(f);
	}
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	long runs = 1;
	double timeout = 0;
	const char *out = "/dev/null", *err = "/dev/null", *dir = NULL;
	int opt;
	while ((opt = getopt(argc, argv, "+n:t:o:e:C:")) != -1) {
		switch (opt) {
		case 'n':
			runs = strtol(optarg, NULL, 10);
			break;
		case 't':
			timeout = strtod(optarg, NULL);
			break;
		case 'o':
			out = optarg;
			break;
		case 'e':
			err = optarg;
			break;
		case 'C':
			dir = optarg;
			break;
		default:
			goto usage;
		}
	}
	if (optind >= argc || runs < 1)
		goto usage;
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm; /* no SA_RESTART: wait4 returns EINTR */
	sigaction(SIGALRM, &sa, NULL);
	for (long i = 0; i < runs; i++) {
		struct rusage ru;
		int status = 0;
		timed_out = 0;
		double t0 = now();
		pid_t pid = fork();
		if (pid < 0) {
			perror("timeit: fork");
			return 1;
		}
		if (pid == 0) {
			setpgid(0, 0);
			if (dir && chdir(dir)) {
				perror("timeit: chdir");
				_exit(127);
			}
			redirect(0, "/dev/null", O_RDONLY);
			redirect(1, out, O_WRONLY | O_CREAT | O_TRUNC);
			redirect(2, err, O_WRONLY | O_CREAT | O_TRUNC);
			execvp(argv[optind], argv + optind);
			fprintf(stderr, "timeit: %s: %s\n", argv[optind], strerror(errno));
			_exit(127);
		}
		setpgid(pid, pid);
		if (timeout > 0) {
			struct itimerval it = {
			    {0, 0},
			    {(time_t)timeout,
			     (suseconds_t)((timeout - (double)(time_t)timeout) * 1e6)}};
			setitimer(ITIMER_REAL, &it, NULL);
		}
		for (;;) {
			pid_t w = wait4(pid, &status, 0, &ru);
			if (w == pid)
				break;
			if (w < 0 && errno == EINTR && timed_out) {
				kill(-pid, SIGKILL);
				kill(pid, SIGKILL);
				continue;
			}
			if (w < 0 && errno != EINTR) {
				perror("timeit: wait4");
				return 1;
			}
		}
		double t1 = now();
		if (timeout > 0) {
			struct itimerval off = {{0, 0}, {0, 0}};
			setitimer(ITIMER_REAL, &off, NULL);
		}
		double cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
		             (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
		if (timed_out)
			printf("%.6f %.6f %ld timeout\n", t1 - t0, cpu, ru.ru_maxrss);
		else
			printf("%.6f %.6f %ld %d\n", t1 - t0, cpu, ru.ru_maxrss,
			       WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
		fflush(stdout);
		if (timed_out)
			break;
	}
	return 0;
usage:
	fprintf(stderr, "usage: timeit [-n RUNS] [-t SECONDS] [-o FILE] [-e FILE] [-C DIR] -- CMD "
	                "[ARG ...]\n");
	return 2;
}
