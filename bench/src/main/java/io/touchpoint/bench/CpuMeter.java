package io.touchpoint.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * CPU time this benchmark's JVM and its embedded PostgreSQL (the postmaster listening on the given port, which zonky
 * detaches from the JVM, and its backends) have used, from {@code /proc}. On a machine shared with other work, throughput follows the share of the cores we get; CPU time
 * per send does not, so it tells what the same work would reach on idle cores.
 */
final class CpuMeter {

  /** Linux's clock ticks per second for /proc/[pid]/stat times. */
  private static final double TICKS_PER_SECOND = 100;

  private CpuMeter() {
  }

  /**
   * Milliseconds of CPU used so far by this JVM and by the PostgreSQL server on {@code postgresPort} (its live
   * backends, and the ended ones the postmaster has reaped); 0 for no PostgreSQL.
   */
  static long cpuMillis(int postgresPort) {
    return jvmCpuMillis() + postgresCpuMillis(postgresPort);
  }

  /** Milliseconds of CPU this JVM has used so far. */
  static long jvmCpuMillis() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime() / 1_000_000;
  }

  /** Milliseconds of CPU the PostgreSQL server on {@code postgresPort} has used so far; 0 for none. */
  static long postgresCpuMillis(int postgresPort) {
    long ticks = postmaster(postgresPort)
        .map(master -> Stream.concat(Stream.of(master), master.descendants()).mapToLong(p -> ticks(p.pid())).sum())
        .orElse(0L);
    return Math.round(ticks * 1000 / TICKS_PER_SECOND);
  }

  /**
   * Milliseconds of CPU the live threads of this JVM whose name passes {@code named} have used so far; a thread that
   * ended in between takes its time with it, so a difference of two readings is at most what those threads used.
   */
  static long threadsCpuMillis(Predicate<String> named) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    return Arrays.stream(threads.getThreadInfo(threads.getAllThreadIds()))
        .filter(info -> info != null && named.test(info.getThreadName()))
        .mapToLong(ThreadInfo::getThreadId)
        .map(threads::getThreadCpuTime)
        .filter(nanos -> nanos > 0)
        .sum() / 1_000_000;
  }

  private static Optional<ProcessHandle> postmaster(int port) {
    if (port <= 0) {
      return Optional.empty();
    }
    String listens = "-p " + port + " ";
    return ProcessHandle.allProcesses()
        .filter(process -> process.info().commandLine().map(line -> line.contains("/bin/postgres")
            && (line + " ").contains(listens)).orElse(false))
        .findFirst();
  }

  /** utime + stime + cutime + cstime: what the process used, and its children it has waited for. */
  private static long ticks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      // fields after the command name in parentheses, which may itself contain spaces
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
          + Long.parseLong(fields[14]);
    } catch (Exception gone) {
      return 0;
    }
  }
}
