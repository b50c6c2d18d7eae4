import type { ResourceSpec } from '../../shared/types';
import { additionalBody, assumedRoute, contentField, idInPath, nameField, projectIdInPath } from './fields';

/** What is assumed about every task route. */
const assumed = assumedRoute(
	'the help pages show tasks (items flagged as tasks, assignable, with reminders), not their API',
);

export const tasksResource: ResourceSpec = {
	value: 'task',
	name: 'Task',
	operations: [
		{
			operation: 'getAll',
			name: 'Get Many',
			action: 'Get many tasks',
			description: 'List the tasks of a project',
			method: 'GET',
			path: '/projects/{projectId}/tasks',
			clientSideLimit: true,
			evidence: 'inferredPath',
			note: assumed,
			fields: [projectIdInPath],
		},
		{
			operation: 'get',
			name: 'Get',
			action: 'Get a task',
			description: 'Get one task',
			method: 'GET',
			path: '/tasks/{taskId}',
			evidence: 'inferredPath',
			note: assumed,
			fields: [idInPath('taskId')],
		},
		{
			operation: 'create',
			name: 'Create',
			action: 'Create a task',
			description: 'Create a task in a project',
			method: 'POST',
			path: '/projects/{projectId}/tasks',
			evidence: 'inferredPath',
			note: assumed,
			fields: [
				projectIdInPath,
				nameField(true),
				contentField,
				additionalBody(),
			],
		},
		{
			operation: 'update',
			name: 'Update',
			action: 'Update a task',
			description: 'Update a task',
			method: 'PUT',
			path: '/tasks/{taskId}',
			evidence: 'inferredPath',
			note: assumed,
			fields: [
				idInPath('taskId'),
				nameField(false),
				contentField,
				additionalBody(),
			],
		},
		{
			operation: 'delete',
			name: 'Delete',
			action: 'Delete a task',
			description: 'Delete a task',
			method: 'DELETE',
			path: '/tasks/{taskId}',
			evidence: 'inferredPath',
			note: assumed,
			fields: [idInPath('taskId')],
		},
	],
};
