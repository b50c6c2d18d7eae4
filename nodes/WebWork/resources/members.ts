import { webWorkLocators } from '../locators';
import type { ResourceSpec } from '../../shared/types';
import { workspaceId, workspaceIdEitherVariant } from './fields';

export const membersResource: ResourceSpec = {
	value: 'members',
	name: 'Member',
	operations: [
		{
			operation: 'getAll',
			name: 'Get Many',
			action: 'Get many members',
			description: 'List workspace members (role-filtered)',
			method: 'GET',
			path: '/members',
			pagination: { maxPerPage: 100 },
			evidence: 'documented',
			fields: [
				workspaceId('query'),
				{ name: 'email', in: 'query', kind: 'string' },
				{ name: 'status', in: 'query', kind: 'options', options: [{ name: 'Active', value: 'active' }, { name: 'Inactive', value: 'inactive' }, { name: 'Left', value: 'left' }, { name: 'Unknown', value: 'unknown' }] },
				{ name: 'role', in: 'query', kind: 'options', options: [{ name: 'Owner', value: 'Owner' }, { name: 'Project Viewer', value: 'Project viewer' }, { name: 'Executive Manager', value: 'Executive manager' }, { name: 'Team Manager', value: 'Team manager' }, { name: 'Project Manager', value: 'Project manager' }, { name: 'Regular User', value: 'Regular User' }] },
			],
		},
		{
			operation: 'invite',
			name: 'Invite',
			action: 'Invite a member',
			description: 'Invite a new member (email invitation sent)',
			method: 'POST',
			path: '/members',
			evidence: 'documented',
			// spec note: Current docs: workspace_id in query; older docs: workspace_id in body. Role enum inferred from update op. Response data {user_id, invitation_link}.
			fields: [
				workspaceIdEitherVariant,
				{ name: 'email', in: 'body', kind: 'string', required: true },
				{ name: 'firstname', in: 'body', kind: 'string', required: true },
				{ name: 'lastname', in: 'body', kind: 'string', required: true },
				{ name: 'role', in: 'body', kind: 'options', required: true, options: [{ name: 'Regular User', value: 'Regular User' }, { name: 'Project Manager', value: 'Project manager' }, { name: 'Team Manager', value: 'Team manager' }, { name: 'Executive Manager', value: 'Executive manager' }, { name: 'Project Viewer', value: 'Project viewer' }] },
			],
		},
		{
			operation: 'get',
			name: 'Get',
			action: 'Get a member',
			description: 'Get one member',
			method: 'GET',
			path: '/members/{memberId}',
			evidence: 'documented',
			fields: [
				{ name: 'memberId', in: 'path', kind: 'integer', required: true, locator: webWorkLocators.member },
				workspaceId('query'),
			],
		},
		{
			operation: 'update',
			name: 'Update',
			action: 'Update a member',
			description: 'Update member profile/role/rate settings',
			method: 'PUT',
			path: '/members/{memberId}',
			evidence: 'documented',
			// spec note: Current docs: workspace_id in query; older docs: in body. Response data null.
			fields: [
				{ name: 'memberId', in: 'path', kind: 'integer', required: true, locator: webWorkLocators.member },
				workspaceIdEitherVariant,
				{ name: 'email', in: 'body', kind: 'string' },
				{ name: 'firstname', in: 'body', kind: 'string' },
				{ name: 'lastname', in: 'body', kind: 'string' },
				{ name: 'timezone', in: 'body', kind: 'string' },
				{ name: 'role', in: 'body', kind: 'options', options: [{ name: 'Regular User', value: 'Regular User' }, { name: 'Project Manager', value: 'Project manager' }, { name: 'Team Manager', value: 'Team manager' }, { name: 'Executive Manager', value: 'Executive manager' }, { name: 'Project Viewer', value: 'Project viewer' }] },
				{ name: 'rate_status', in: 'body', kind: 'options', options: [{ name: 'No', value: 0 }, { name: 'Yes', value: 1 }] },
				{ name: 'weekly_hours_limit', in: 'body', kind: 'integer' },
				{ name: 'remove_avatar', in: 'body', kind: 'options', options: [{ name: 'No', value: 0 }, { name: 'Yes', value: 1 }] },
			],
		},
		{
			operation: 'delete',
			name: 'Delete',
			action: 'Archive a member',
			description: 'Archive (soft-delete) a member',
			method: 'DELETE',
			path: '/members/{memberId}',
			evidence: 'documented',
			fields: [
				{ name: 'memberId', in: 'path', kind: 'integer', required: true, locator: webWorkLocators.member },
				workspaceId('query'),
			],
		},
	],
};
