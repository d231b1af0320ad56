import { defineConnector } from '@mova/sdk';
import { applyManifest } from './actions/apply-manifest.js';
import { createJob } from './actions/create-job.js';
import { getDeployment } from './actions/get-deployment.js';
import { getJob } from './actions/get-job.js';
import { getPod } from './actions/get-pod.js';
import { listNamespaces } from './actions/list-namespaces.js';
import { listPods } from './actions/list-pods.js';
import { podLogs } from './actions/pod-logs.js';
import { restartDeployment } from './actions/restart-deployment.js';
import { scaleDeployment } from './actions/scale-deployment.js';
import { setDeploymentImage } from './actions/set-deployment-image.js';
import { auth } from './auth.js';

export default defineConnector({
  name: 'kubernetes',
  title: 'Kubernetes',
  description:
    'List and read pods and their logs, read, scale, restart and set the image of deployments, create and follow jobs, list namespaces and apply manifests with server-side apply, on any Kubernetes cluster.',
  categories: ['developer-tools', 'devops'],
  auth,
  actions: [
    listPods,
    getPod,
    podLogs,
    getDeployment,
    scaleDeployment,
    restartDeployment,
    setDeploymentImage,
    createJob,
    getJob,
    applyManifest,
    listNamespaces,
  ],
  // A cluster is wherever its connection's server URL says.
  network: { allow: [], connectionHosts: ['server'] },
});
