import type { LocatorSpec } from '../shared/types';

/** What users pick from lists in WeWorked nodes; IDs are positive integers. */
const locator = (label: string, searchMethod: string): LocatorSpec => ({
	label,
	searchMethod,
	idPattern: '\\d+',
	idExample: '101',
});

export const weWorkedLocators = {
	client: locator('Client', 'searchClients'),
	project: locator('Project', 'searchProjects'),
	user: locator('User', 'searchUsers'),
} satisfies Record<string, LocatorSpec>;
