// What the kernel says about a process (Linux /proc): CPU time, memory and its peak, and the whole machine's CPU.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

const CLK_TCK = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;

/** utime + stime of every thread of the process, in seconds (/proc/<pid>/stat fields 14 and 15). */
export function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // fields[0] is field 3 (state)
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/** CPU seconds the whole machine spent busy (all cores; /proc/stat: everything but idle and iowait). */
export function machineBusySeconds() {
  const [, ...ticks] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = ticks;
  return (user + nice + system + irq + softirq + steal) / CLK_TCK;
}

/** VmRSS / VmHWM (peak) in MiB. */
export function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, "m").exec(status)[1]);
  return { rssMiB: kib("VmRSS") / 1024, peakMiB: kib("VmHWM") / 1024 };
}

/** Resets VmHWM to the current RSS, so the peak read afterwards belongs to one scenario (Linux clear_refs "5"). */
export function resetPeak(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
  } catch {
    // older kernels: the peak then covers the server's life so far
  }
}

/**
 * Starts a clock on what the machine spends: call the returned function at the end for the CPU the rest of the
 * machine used meanwhile (neither the process `pid` nor this one), in % of one core.
 */
export function othersMeter(pid) {
  const start = { machine: machineBusySeconds(), server: cpuSeconds(pid), self: process.cpuUsage(), at: performance.now() };
  return () => {
    const self = process.cpuUsage(start.self);
    const others = machineBusySeconds() - start.machine - (cpuSeconds(pid) - start.server) - (self.user + self.system) / 1e6;
    return (100 * others) / ((performance.now() - start.at) / 1000);
  };
}

/**
 * Waits until the process has used under 5% of a core for a quarter of a second (at most `limitMs`); answers how long
 * it stayed busy. A server keeps working after it first answers (after a large fixture, it copies the database's
 * reset image: a few seconds at 1M users); measured then, a page's CPU would carry that work too.
 */
export async function untilIdle(pid, limitMs = 120_000) {
  const QUARTER = 250;
  const start = performance.now();
  for (let last = cpuSeconds(pid); performance.now() - start < limitMs; ) {
    await new Promise((r) => setTimeout(r, QUARTER));
    const now = cpuSeconds(pid);
    if (now - last < (0.05 * QUARTER) / 1000) return Math.max(0, performance.now() - start - QUARTER);
    last = now;
  }
  return performance.now() - start;
}
