import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { RunOwner } from './types.js';

/** This process, as run owner. One instance id per process, shared by every store in it. */
export const THIS_PROCESS: RunOwner = { host: hostname(), pid: process.pid, instance: randomUUID() };

/**
 * Whether an owner on this machine is certainly gone: its pid is free, or its pid is ours but the
 * instance is not (a restarted container reuses pid 1). Owners on other machines cannot be judged
 * from here and count as alive.
 */
export function ownerIsGone(owner: RunOwner): boolean {
  if (owner.host !== THIS_PROCESS.host) return false;
  if (owner.pid === THIS_PROCESS.pid) return owner.instance !== THIS_PROCESS.instance;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    // EPERM: the pid exists but belongs to another user, so something is alive there.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
