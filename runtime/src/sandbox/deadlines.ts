/** A deadline in a Deadlines queue; pass it back to `delete` once its call has settled. */
export interface Deadline {
  readonly at: number;
  readonly fire: () => void;
}

/**
 * Many call deadlines on one timer: a call adds its deadline and deletes it when it settles, so a
 * warm call costs a Set insert and delete instead of a setTimeout and clearTimeout. The timer is
 * armed for the earliest deadline and keeps the process alive only while some deadline is pending.
 */
export class Deadlines {
  private readonly pending = new Set<Deadline>();
  private timer: NodeJS.Timeout | undefined;
  private armedFor = Number.POSITIVE_INFINITY;

  add(ms: number, fire: () => void): Deadline {
    const deadline = { at: performance.now() + ms, fire };
    this.pending.add(deadline);
    if (deadline.at < this.armedFor) this.arm(deadline.at);
    else if (this.pending.size === 1) this.timer?.ref();
    return deadline;
  }

  delete(deadline: Deadline): void {
    // The timer stays armed (re-arming per call is what this saves); it only stops holding the process.
    if (this.pending.delete(deadline) && this.pending.size === 0) this.timer?.unref();
  }

  /** Stops the timer; pending deadlines never fire. */
  clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.armedFor = Number.POSITIVE_INFINITY;
    this.pending.clear();
  }

  private arm(at: number) {
    clearTimeout(this.timer);
    this.armedFor = at;
    // Timers count whole milliseconds from their own clock: never ask for less than one.
    this.timer = setTimeout(() => this.expire(), Math.max(1, Math.ceil(at - performance.now())));
  }

  private expire() {
    this.timer = undefined;
    this.armedFor = Number.POSITIVE_INFINITY;
    const now = performance.now();
    let next = Number.POSITIVE_INFINITY;
    for (const deadline of this.pending) {
      if (deadline.at <= now) {
        this.pending.delete(deadline);
        deadline.fire();
      } else if (deadline.at < next) next = deadline.at;
    }
    // A fired call may have added deadlines (and armed) already; arm only for what is still unarmed.
    if (next < this.armedFor) this.arm(next);
  }
}
