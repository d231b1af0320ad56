/**
 * Whether a start or stop changed anything: the daemon answers 304 Not Modified when the container
 * is already in that state (Engine API, ContainerStart and ContainerStop), which dockerode throws.
 */
export async function notModified(call: Promise<unknown>): Promise<boolean> {
  try {
    await call;
    return true;
  } catch (error) {
    if (error instanceof Error && 'statusCode' in error && error.statusCode === 304) return false;
    throw error;
  }
}
