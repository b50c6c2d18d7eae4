import type { ResourceSpec } from '../../shared/types';
import { workspaceId } from './fields';

export const webhooksResource: ResourceSpec = {
	value: 'webhooks',
	name: 'Webhook',
	operations: [
		{
			operation: 'getAll',
			name: 'Get Many',
			action: 'Get many webhooks',
			description: 'List webhooks',
			method: 'GET',
			path: '/webhooks',
			pagination: { maxPerPage: 100 },
			evidence: 'documented',
			// spec note: page/per_page inferred; older docs mention 50 rows per page default.
			fields: [
				workspaceId('query'),
			],
		},
		{
			operation: 'create',
			name: 'Create',
			action: 'Create a webhook',
			description: 'Register a webhook',
			method: 'POST',
			path: '/webhooks',
			evidence: 'documented',
			// spec note: Older docs: events enum only tracker.started/tracker.stopped. Response data {id, url, events, token}.
			fields: [
				workspaceId('body'),
				{ name: 'url', in: 'body', kind: 'string', required: true },
				{ name: 'events', in: 'body', kind: 'multiOptions', required: true, options: [{ name: 'Tracker.started', value: 'tracker.started' }, { name: 'Tracker.stopped', value: 'tracker.stopped' }, { name: 'Member.invited', value: 'member.invited' }, { name: 'Member.updated', value: 'member.updated' }, { name: 'Member.deleted', value: 'member.deleted' }, { name: 'Member.activated', value: 'member.activated' }, { name: 'Member.archived', value: 'member.archived' }, { name: 'Project.created', value: 'project.created' }, { name: 'Project.updated', value: 'project.updated' }, { name: 'Project.deleted', value: 'project.deleted' }] },
			],
		},
		{
			operation: 'get',
			name: 'Get',
			action: 'Get a webhook',
			description: 'Get one webhook',
			method: 'GET',
			path: '/webhooks/{webhookId}',
			evidence: 'documented',
			fields: [
				{ name: 'webhookId', in: 'path', kind: 'string', required: true },
				workspaceId('query'),
			],
		},
		{
			operation: 'update',
			name: 'Update',
			action: 'Update a webhook',
			description: 'Update a webhook',
			method: 'PUT',
			path: '/webhooks/{webhookId}',
			evidence: 'documented',
			// spec note: Seen in older docs.
			fields: [
				{ name: 'webhookId', in: 'path', kind: 'string', required: true },
				workspaceId('body'),
				{ name: 'url', in: 'body', kind: 'string', required: true },
				{ name: 'events', in: 'body', kind: 'multiOptions', options: [{ name: 'Tracker.started', value: 'tracker.started' }, { name: 'Tracker.stopped', value: 'tracker.stopped' }, { name: 'Member.invited', value: 'member.invited' }, { name: 'Member.updated', value: 'member.updated' }, { name: 'Member.deleted', value: 'member.deleted' }, { name: 'Member.activated', value: 'member.activated' }, { name: 'Member.archived', value: 'member.archived' }, { name: 'Project.created', value: 'project.created' }, { name: 'Project.updated', value: 'project.updated' }, { name: 'Project.deleted', value: 'project.deleted' }] },
			],
		},
		{
			operation: 'delete',
			name: 'Delete',
			action: 'Delete a webhook',
			description: 'Delete a webhook',
			method: 'DELETE',
			path: '/webhooks/{webhookId}',
			evidence: 'inferred',
			note: 'The docs name this operation but not its parameters; Workspace ID is sent as a query parameter.',
			// spec note: Operation page exists (older docs); params not seen.
			fields: [
				{ name: 'webhookId', in: 'path', kind: 'string', required: true },
				workspaceId('query'),
			],
		},
	],
};
