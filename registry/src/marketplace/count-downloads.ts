import { packageRoute, tarballVersion } from '../verdaccio/package-route.js';
import type { Handler } from '../verdaccio/types.js';
import type { Downloads } from './downloads.js';

/** Counts every tarball served in full (`GET /<name>/-/<file>.tgz` answered 200). */
export function countDownloads(downloads: Downloads): Handler {
  return (req, res, next) => {
    const route = req.method === 'GET' ? packageRoute(req.url ?? '') : undefined;
    const [dash, filename] = route?.rest ?? [];
    const version = route && dash === '-' && filename ? tarballVersion(route.name, filename) : undefined;
    if (route && version) {
      res.on('finish', () => {
        if (res.statusCode === 200) downloads.count(route.name, version);
      });
    }
    next();
  };
}
