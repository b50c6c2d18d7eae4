import { webWorkLocators } from '../locators';
import type { ResourceSpec } from '../../shared/types';
import { workspaceId } from './fields';

export const timeTrackingResource: ResourceSpec = {
	value: 'timeTracking',
	name: 'Time Tracking',
	operations: [
		{
			operation: 'start',
			name: 'Start',
			action: 'Start tracking time for a member',
			description: 'Start a live tracker for a member',
			method: 'POST',
			path: '/time-tracking/start',
			evidence: 'documented',
			// spec note: task_id only valid with contract_id. Rejected if the user is already tracking.
			fields: [
				workspaceId('body'),
				{ name: 'user_id', in: 'body', kind: 'integer', required: true, locator: webWorkLocators.member },
				{ name: 'contract_id', in: 'body', kind: 'integer', locator: webWorkLocators.contract },
				{ name: 'task_id', in: 'body', kind: 'integer', locator: webWorkLocators.task },
				{ name: 'activity_description', in: 'body', kind: 'string' },
			],
		},
		{
			operation: 'stop',
			name: 'Stop',
			action: 'Stop tracking time for a member',
			description: "Stop a member's live tracker",
			method: 'POST',
			path: '/time-tracking/stop',
			evidence: 'documented',
			fields: [
				workspaceId('body'),
				{ name: 'user_id', in: 'body', kind: 'integer', required: true, locator: webWorkLocators.member },
			],
		},
		{
			operation: 'getCurrentData',
			name: 'Get Current Data',
			action: 'Get the running tracker of a member',
			description: 'Running tracker data for a member',
			method: 'GET',
			path: '/time-tracking/current-data',
			evidence: 'documented',
			// spec note: Works only for trackers started via API or browser.
			fields: [
				workspaceId('query'),
				{ name: 'user_id', in: 'query', kind: 'integer', required: true, locator: webWorkLocators.member },
			],
		},
	],
};
