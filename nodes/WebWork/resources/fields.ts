import { webWorkLocators } from '../locators';
import type { FieldLocation, FieldSpec } from '../../shared/types';

/** The workspace every WebWork call is scoped to; where it travels differs per endpoint. */
export const workspaceId = (location: FieldLocation): FieldSpec => ({
	name: 'workspace_id',
	in: location,
	kind: 'integer',
	required: true,
	locator: webWorkLocators.workspace,
});

/** Member, project and contract writes: query in the current docs, body in the older ones. */
export const workspaceIdEitherVariant: FieldSpec = { ...workspaceId('query'), alternativeIn: 'body' };

export const projectId = (location: FieldLocation): FieldSpec => ({
	name: 'project_id',
	in: location,
	kind: 'integer',
	required: true,
	locator: webWorkLocators.project,
});
