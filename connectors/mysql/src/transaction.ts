import type { Session } from './client.js';

/**
 * Runs `work` between START TRANSACTION and COMMIT; on any failure rolls back and rethrows the
 * original error. A failed ROLLBACK is ignored: it only fails when the connection is gone, and the
 * server rolls back an open transaction whose connection closed anyway.
 */
export async function inTransaction<T>(session: Session, work: () => Promise<T>): Promise<T> {
  await session.begin();
  try {
    const result = await work();
    await session.commit();
    return result;
  } catch (error) {
    await session.rollback().catch(() => {});
    throw error;
  }
}
