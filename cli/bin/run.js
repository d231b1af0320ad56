#!/usr/bin/env node
import { relaunchWithoutSecrets } from '../dist/relaunch.js';

if (!(await relaunchWithoutSecrets())) {
  const { execute } = await import('@oclif/core');
  await execute({ dir: import.meta.url });
}
