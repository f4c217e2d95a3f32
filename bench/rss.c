/* rss.c - runs one command as a child process and appends its wall time and
 * peak resident set size (getrusage of the child, via wait4) to a file, so
 * that every benchmark workload is measured in a process of its own.
 * usage: rss OUTFILE COMMAND [ARG]... ; exits with the command's status. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE /* wait4 */
#endif
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: rss OUTFILE COMMAND [ARG]...\n");
        return 2;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid < 0) {
        perror("rss: fork");
        return 1;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        perror("rss: exec");
        _exit(127);
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0) {
        perror("rss: wait4");
        return 1;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double wall = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
    FILE *f = fopen(argv[1], "a");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    /* ru_maxrss is in KiB on Linux */
    fprintf(f, "wall_s=%.6f\nmaxrss_kb=%ld\ncpu_s=%.6f\n", wall, ru.ru_maxrss,
            (double)ru.ru_utime.tv_sec + 1e-6 * (double)ru.ru_utime.tv_usec + (double)ru.ru_stime.tv_sec +
                1e-6 * (double)ru.ru_stime.tv_usec);
    fclose(f);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
