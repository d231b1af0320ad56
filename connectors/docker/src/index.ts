import { defineConnector } from '@mova/sdk';
import { containerLogs } from './actions/container-logs.js';
import { execCommand } from './actions/exec-command.js';
import { inspectContainer } from './actions/inspect-container.js';
import { listContainers } from './actions/list-containers.js';
import { listImages } from './actions/list-images.js';
import { pullImage } from './actions/pull-image.js';
import { restartContainer } from './actions/restart-container.js';
import { startContainer } from './actions/start-container.js';
import { stopContainer } from './actions/stop-container.js';
import { auth } from './auth.js';

export default defineConnector({
  name: 'docker',
  title: 'Docker',
  description:
    'List, inspect, start, stop and restart containers, read their logs, run commands in them, and pull and list images on a Docker Engine reached over TCP with TLS.',
  categories: ['developer-tools', 'devops'],
  auth,
  actions: [
    listContainers,
    inspectContainer,
    startContainer,
    stopContainer,
    restartContainer,
    containerLogs,
    execCommand,
    pullImage,
    listImages,
  ],
  // The daemon is wherever the connection's url says; nothing else is reached (registries are the
  // daemon's business, not the connector's).
  network: { allow: [], connectionHosts: ['url'] },
});
