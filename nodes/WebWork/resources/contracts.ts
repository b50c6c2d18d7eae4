import { webWorkLocators } from '../locators';
import type { ResourceSpec } from '../../shared/types';
import { projectId, workspaceId, workspaceIdEitherVariant } from './fields';

export const contractsResource: ResourceSpec = {
	value: 'contracts',
	name: 'Contract',
	operations: [
		{
			operation: 'getAll',
			name: 'Get Many',
			action: 'Get many contracts',
			description: 'List contracts (project-member assignments)',
			method: 'GET',
			path: '/contracts',
			pagination: { maxPerPage: 100 },
			evidence: 'documented',
			// spec note: Example response shows pagination at top level {current_page, per_page, total, last_page}.
			fields: [
				workspaceId('query'),
				{ name: 'project_id', in: 'query', kind: 'integer', locator: webWorkLocators.project },
				{ name: 'user_id', in: 'query', kind: 'integer', locator: webWorkLocators.member },
				{ name: 'status', in: 'query', kind: 'options', options: [{ name: 'Active', value: 'active' }, { name: 'Paused', value: 'paused' }] },
			],
		},
		{
			operation: 'create',
			name: 'Create',
			action: 'Create a contract',
			description: 'Assign a member to a project',
			method: 'POST',
			path: '/contracts',
			evidence: 'documented',
			// spec note: Current docs: workspace_id in query; older docs: in body. 201.
			fields: [
				workspaceIdEitherVariant,
				projectId('body'),
				{ name: 'user_id', in: 'body', kind: 'integer', required: true, locator: webWorkLocators.member },
				{ name: 'weekly_hours_limit', in: 'body', kind: 'integer', default: 168 },
				{ name: 'screenshots', in: 'body', kind: 'options', options: [{ name: 'Full', value: 'full' }, { name: 'Blurred', value: 'blurred' }, { name: 'No Preview', value: 'no_preview' }, { name: 'No Screenshot', value: 'no_screenshot' }, { name: 'Background Blurred', value: 'background_blurred' }, { name: 'Video Full', value: 'video_full' }, { name: 'Video Blurred', value: 'video_blurred' }, { name: 'Video Full Silent', value: 'video_full_silent' }, { name: 'Video Blurred Silent', value: 'video_blurred_silent' }] },
				{ name: 'rate', in: 'body', kind: 'number' },
			],
		},
		{
			operation: 'get',
			name: 'Get',
			action: 'Get a contract',
			description: 'Get one contract',
			method: 'GET',
			path: '/contracts/{contractId}',
			evidence: 'documented',
			fields: [
				{ name: 'contractId', in: 'path', kind: 'integer', required: true, locator: webWorkLocators.contract },
				workspaceId('query'),
			],
		},
		{
			operation: 'update',
			name: 'Update',
			action: 'Update a contract',
			description: 'Update a contract',
			method: 'PUT',
			path: '/contracts/{contractId}',
			evidence: 'documented',
			// spec note: Current docs: workspace_id in query; older docs: in body.
			fields: [
				{ name: 'contractId', in: 'path', kind: 'integer', required: true, locator: webWorkLocators.contract },
				workspaceIdEitherVariant,
				{ name: 'weekly_hours_limit', in: 'body', kind: 'integer' },
				{ name: 'screenshots', in: 'body', kind: 'options', options: [{ name: 'Full', value: 'full' }, { name: 'Blurred', value: 'blurred' }, { name: 'No Preview', value: 'no_preview' }, { name: 'No Screenshot', value: 'no_screenshot' }, { name: 'Background Blurred', value: 'background_blurred' }, { name: 'Video Full', value: 'video_full' }, { name: 'Video Blurred', value: 'video_blurred' }, { name: 'Video Full Silent', value: 'video_full_silent' }, { name: 'Video Blurred Silent', value: 'video_blurred_silent' }] },
				{ name: 'rate', in: 'body', kind: 'number' },
				{ name: 'status', in: 'body', kind: 'options', options: [{ name: 'Active', value: 'active' }, { name: 'Paused', value: 'paused' }] },
			],
		},
		{
			operation: 'delete',
			name: 'Delete',
			action: 'Delete a contract',
			description: 'Delete a contract',
			method: 'DELETE',
			path: '/contracts/{contractId}',
			evidence: 'inferred',
			note: 'The docs list this operation but not its parameters; Workspace ID is sent as a query parameter like its siblings.',
			// spec note: Operation listed on tag page; parameter placement inferred.
			fields: [
				{ name: 'contractId', in: 'path', kind: 'integer', required: true, locator: webWorkLocators.contract },
				workspaceId('query'),
			],
		},
	],
};
