export { type BuildResult, buildProject } from './build/build-project.js';
export { type ConnectorProject, readProject } from './project.js';
export { UserError } from './user-error.js';
