import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { RunOwner } from './types.js';

/**
 * When a process started, in clock ticks since boot (`/proc/<pid>/stat`, field 22); undefined off
 * Linux or when the process is gone. Together with the boot id it names one process for good: a
 * later process that gets the same pid has another start time.
 */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces or parentheses itself.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19];
  } catch {
    return undefined;
  }
}

function readBootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

const BOOT_ID = readBootId();

function identity(): RunOwner {
  const owner: RunOwner = { host: hostname(), pid: process.pid, instance: randomUUID() };
  const startTime = processStartTime(process.pid);
  if (BOOT_ID !== undefined) owner.bootId = BOOT_ID;
  if (startTime !== undefined) owner.startTime = startTime;
  return owner;
}

/** This process, as run owner. One instance id per process, shared by every store in it. */
export const THIS_PROCESS: RunOwner = identity();

/**
 * What this machine can tell about an owner: `gone` when its process certainly ended (the machine
 * rebooted since, its pid is free, or the pid now belongs to a process that started at another
 * time), `alive` when it still runs, `unknown` for owners on other machines: those are judged by
 * their heartbeat.
 */
export function ownerLiveness(owner: RunOwner): 'alive' | 'gone' | 'unknown' {
  if (owner.host !== THIS_PROCESS.host) return 'unknown';
  if (owner.bootId !== undefined && BOOT_ID !== undefined && owner.bootId !== BOOT_ID) return 'gone';
  // A restarted container runs again as pid 1: same pid, another instance.
  if (owner.pid === THIS_PROCESS.pid) return owner.instance === THIS_PROCESS.instance ? 'alive' : 'gone';
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: the pid exists but belongs to another user, so something is alive there.
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return 'gone';
  }
  if (owner.startTime !== undefined) {
    const now = processStartTime(owner.pid);
    if (now !== undefined && now !== owner.startTime) return 'gone';
  }
  return 'alive';
}

/** Whether an owner on this machine is certainly gone; owners on other machines count as alive. */
export function ownerIsGone(owner: RunOwner): boolean {
  return ownerLiveness(owner) === 'gone';
}
