import { httpError } from '../verdaccio/http-error.js';
import type { AccessCallback, AuthorizationPlugin } from '../verdaccio/types.js';
import type { Ownership } from './ownership.js';
import { type Decision, decideChange, decidePublish } from './policy.js';

export interface AuthorizationOptions {
  ownership: Ownership;
  admins: ReadonlySet<string>;
}

function answer(decision: Decision, callback: AccessCallback): void {
  if (decision.allowed) callback(null, true);
  else callback(httpError(decision.status, decision.message));
}

/**
 * Verdaccio's authorization hooks: anyone may read; publishing follows scope and package ownership
 * (a first publish claims the scope or name). Verdaccio asks `allow_unpublish` both to unpublish and
 * to deprecate, so here it only checks ownership; the write guard refuses the unpublishing part to
 * non-admins, since only it sees which versions a request removes.
 */
export function authorization({ ownership, admins }: AuthorizationOptions): AuthorizationPlugin {
  return {
    allow_access(_user, _pkg, callback) {
      callback(null, true);
    },
    allow_publish(user, pkg, callback) {
      const decision = decidePublish(user.name, pkg.name, ownership.ownersOf(pkg.name), admins);
      if (!decision.allowed || !decision.claims || !user.name) return answer(decision, callback);
      ownership.claim(pkg.name, user.name).then(
        () => callback(null, true),
        (error: Error) => callback(httpError(500, `could not record the owner of "${pkg.name}": ${error.message}`)),
      );
    },
    allow_unpublish(user, pkg, callback) {
      answer(decideChange(user.name, pkg.name, ownership.ownersOf(pkg.name), admins), callback);
    },
  };
}
