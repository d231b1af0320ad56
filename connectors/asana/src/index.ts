import { defineConnector } from '@mova/sdk';
import { addComment } from './actions/add-comment.js';
import { createTask } from './actions/create-task.js';
import { getTask } from './actions/get-task.js';
import { listProjects } from './actions/list-projects.js';
import { searchTasks } from './actions/search-tasks.js';
import { updateTask } from './actions/update-task.js';
import { auth } from './auth.js';
import { newTask } from './triggers/new-task.js';

export default defineConnector({
  name: 'asana',
  title: 'Asana',
  description: 'Create, update, find and comment on Asana tasks, list projects, and react to new tasks in a project.',
  categories: ['project-management', 'productivity'],
  auth,
  actions: [createTask, getTask, updateTask, searchTasks, listProjects, addComment],
  triggers: [newTask],
  // A gateway or proxy in front of the API is reached through the connection's apiUrl.
  network: { allow: ['app.asana.com'], connectionHosts: ['apiUrl'] },
});
