import type { LocatorSpec } from '../shared/types';

/** What users pick from lists in WebWork nodes; IDs are positive integers. */
const locator = (label: string, searchMethod: string): LocatorSpec => ({
	label,
	searchMethod,
	idPattern: '\\d+',
	idExample: '101',
});

export const webWorkLocators = {
	workspace: locator('Workspace', 'searchWorkspaces'),
	project: locator('Project', 'searchProjects'),
	member: locator('Member', 'searchMembers'),
	contract: locator('Contract', 'searchContracts'),
	task: locator('Task', 'searchTasks'),
} satisfies Record<string, LocatorSpec>;
