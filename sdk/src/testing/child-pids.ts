import { readdirSync, readFileSync } from 'node:fs';

/**
 * The pids of this process's direct children (Linux `/proc`): the sandboxes, daemons or bubblewrap
 * processes a test started, so it can check that one was spawned, reused or left nothing behind.
 */
export function childPids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        return false; // it ended between the listing and the read
      }
      // The command name in parentheses may hold spaces; the parent pid is the second field after it.
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === process.pid;
    })
    .map(Number);
}
