/**
 * One write at a time per package. Verdaccio checks whether a version exists before it stores the
 * tarball, and stores the tarball by renaming over whatever is there: two publishes of one version
 * at once could both pass the check, and the loser's bytes replaced the winner's, no longer matching
 * the sha512 the package document holds. A write waits here until the previous one was answered.
 */
export class PackageQueue {
  private readonly tails = new Map<string, Promise<void>>();

  /** Resolves, once `name` is free, to the function that frees it again. */
  async acquire(name: string): Promise<() => void> {
    const previous = this.tails.get(name) ?? Promise.resolve();
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => held);
    this.tails.set(name, tail);
    void tail.then(() => {
      if (this.tails.get(name) === tail) this.tails.delete(name);
    });
    await previous;
    return release;
  }
}
