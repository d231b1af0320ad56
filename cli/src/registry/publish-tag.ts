import semver from 'semver';
import { UserError } from '../user-error.js';
import { shortNameOf } from './names.js';

/** The dist-tag a version goes under, and whether npm must be told it (npm's default is `latest`). */
export interface PublishTag {
  tag: string;
  /** Passed to npm as --tag; undefined leaves npm's default, with npm's own guards on. */
  flag: string | undefined;
  /** The version `latest` keeps pointing at, when this one does not take it. */
  latestStays?: string;
}

/**
 * A pre-release must name its tag, as `npm publish` demands: under `latest` every user would get it.
 * Checked before anything is built.
 */
export function requireTagForPrerelease(name: string, version: string, asked: string | undefined): void {
  if (asked !== undefined || semver.prerelease(version) === null) return;
  throw new UserError(
    `${name}@${version} is a pre-release: publish it under a dist-tag other than "latest", so installs of a range do not pick it`,
    `Publish with --tag next; testers install it with \`mova-connector install ${shortNameOf(name)}@next\`.`,
  );
}

/**
 * The tag a version is published under: the one asked for; else `latest`, unless a higher version is
 * published already (a backport, 1.4.1 after 2.0.0), which goes under `latest-<major>` (npm's own
 * convention, as in `npm@latest-10`) so `latest` stays where it is. npm refuses such a publish
 * without --tag; `latest` moving back to an old line would hand every new user the old line.
 * @example
 * publishTag('1.4.1', undefined, '2.0.0') // { tag: 'latest-1', flag: 'latest-1', latestStays: '2.0.0' }
 */
export function publishTag(version: string, asked: string | undefined, highest: string | undefined): PublishTag {
  if (asked !== undefined) return { tag: asked, flag: asked };
  if (highest !== undefined && semver.gt(highest, version)) {
    const tag = `latest-${semver.major(version)}`;
    return { tag, flag: tag, latestStays: highest };
  }
  return { tag: 'latest', flag: undefined };
}
