import { webWorkLocators } from '../locators';
import type { ResourceSpec } from '../../shared/types';
import { workspaceId } from './fields';

export const timeEntriesResource: ResourceSpec = {
	value: 'timeEntries',
	name: 'Time Entry',
	operations: [
		{
			operation: 'getAll',
			name: 'Get Many',
			action: 'Get many time entries',
			description: 'List time entries of a user for one day',
			method: 'GET',
			path: '/time-entries',
			pagination: { maxPerPage: 50 },
			evidence: 'documented',
			fields: [
				workspaceId('query'),
				{ name: 'user_id', in: 'query', kind: 'integer', required: true, locator: webWorkLocators.member },
				{ name: 'date', in: 'query', kind: 'date', required: true },
				{ name: 'project_id', in: 'query', kind: 'integer', locator: webWorkLocators.project },
				{ name: 'task_id', in: 'query', kind: 'integer', locator: webWorkLocators.task },
			],
		},
		{
			operation: 'create',
			name: 'Create',
			action: 'Create a time entry',
			description: 'Add a manual time entry',
			method: 'POST',
			path: '/time-entries',
			evidence: 'documented',
			// spec note: 201 includes saved_minutes; may save partially.
			fields: [
				workspaceId('body'),
				{ name: 'user_id', in: 'body', kind: 'integer', required: true, locator: webWorkLocators.member },
				{ name: 'contract_id', in: 'body', kind: 'integer', locator: webWorkLocators.contract },
				{ name: 'task_id', in: 'body', kind: 'integer', locator: webWorkLocators.task },
				{ name: 'notes', in: 'body', kind: 'string' },
				{ name: 'date', in: 'body', kind: 'date', required: true },
				{ name: 'start_time', in: 'body', kind: 'time', required: true },
				{ name: 'end_time', in: 'body', kind: 'time', required: true },
			],
		},
		{
			operation: 'update',
			name: 'Update',
			action: 'Update a time entry',
			description: 'Update a time entry',
			method: 'PUT',
			path: '/time-entries/{time_entry_id}',
			evidence: 'documented',
			fields: [
				{ name: 'time_entry_id', in: 'path', kind: 'string', required: true },
				workspaceId('body'),
				{ name: 'project_id', in: 'body', kind: 'integer', locator: webWorkLocators.project },
				{ name: 'task_id', in: 'body', kind: 'integer', locator: webWorkLocators.task },
				{ name: 'notes', in: 'body', kind: 'string' },
				{ name: 'date', in: 'body', kind: 'date' },
				{ name: 'start_time', in: 'body', kind: 'time' },
				{ name: 'end_time', in: 'body', kind: 'time' },
			],
		},
		{
			operation: 'delete',
			name: 'Delete',
			action: 'Delete a time entry',
			description: 'Delete a time entry permanently',
			method: 'DELETE',
			path: '/time-entries/{time_entry_id}',
			evidence: 'documented',
			// spec note: workspace_id explicitly in request body.
			fields: [
				{ name: 'time_entry_id', in: 'path', kind: 'string', required: true },
				workspaceId('body'),
			],
		},
	],
};
