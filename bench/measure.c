/* bench/measure.c: the process launcher of bench/run.
 *
 * Why not Python's own fork/posix_spawn: on Linux, exec records the high-water RSS of the
 * address space it replaces into the child's ru_maxrss, so a child forked (or vforked) from a
 * ~9 MB Python reports at least Python's RSS. This launcher is ~1 MB, like /usr/bin/time and
 * hyperfine, so ru_maxrss is the measured program's own peak (floor: `measure /bin/true`).
 *
 * Protocol (stdin -> stdout, one run per line, until EOF):
 *   request:  ARG0 \t ARG1 \t ... \n        (arguments must not contain tabs or newlines)
 *   reply:    STATUS WALL_NS UTIME_US STIME_US MAXRSS_KB\n
 * STATUS is the exit code, or 128+signal. WALL_NS runs from just before fork() to just after
 * wait4() (CLOCK_MONOTONIC). The program's stdin, stdout and stderr are /dev/null.
 *
 * Built by bench/run with `cc -O2`; standard C and POSIX only.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_ARGS 128
#define MAX_LINE 16384

static long long now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long long tv_us(struct timeval tv) { return (long long)tv.tv_sec * 1000000LL + tv.tv_usec; }

int main(void) {
  static char line[MAX_LINE];
  int null_fd = open("/dev/null", O_RDWR);
  if (null_fd < 0) {
    perror("measure: /dev/null");
    return 2;
  }
  while (fgets(line, sizeof line, stdin)) {
    size_t length = strlen(line);
    if (length == 0 || line[length - 1] != '\n') {
      fprintf(stderr, "measure: request line too long or unterminated\n");
      return 2;
    }
    line[--length] = '\0';
    char* argv[MAX_ARGS + 1];
    int argc = 0;
    for (char* field = line; field && argc < MAX_ARGS;) {
      char* tab = strchr(field, '\t');
      if (tab) *tab = '\0';
      argv[argc++] = field;
      field = tab ? tab + 1 : NULL;
    }
    argv[argc] = NULL;
    if (argc == 0 || argv[0][0] == '\0') {
      fprintf(stderr, "measure: empty request\n");
      return 2;
    }

    const long long start = now_ns();
    pid_t pid = fork();
    if (pid < 0) {
      perror("measure: fork");
      return 2;
    }
    if (pid == 0) {
      dup2(null_fd, 0);
      dup2(null_fd, 1);
      dup2(null_fd, 2);
      execv(argv[0], argv);
      _exit(127);
    }
    int status = 0;
    struct rusage usage;
    memset(&usage, 0, sizeof usage);
    pid_t waited;
    do {
      waited = wait4(pid, &status, 0, &usage);
    } while (waited < 0 && errno == EINTR);
    const long long wall = now_ns() - start;
    if (waited != pid) {
      perror("measure: wait4");
      return 2;
    }
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    printf("%d %lld %lld %lld %ld\n", code, wall, tv_us(usage.ru_utime), tv_us(usage.ru_stime), usage.ru_maxrss);
    fflush(stdout);
  }
  return 0;
}
