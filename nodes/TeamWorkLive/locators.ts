import type { LocatorSpec } from '../shared/types';

/**
 * The records users pick from a list in TeamWork Live nodes (account-wide lists only: project-scoped items
 * would need the project first). IDs are opaque (digits in the emulator, letters + digits such as `l2197159`
 * in app URLs), so the pattern accepts both.
 */
const OPAQUE_ID = '[A-Za-z0-9_-]+';

export const teamWorkLiveLocators = {
	clientCompany: { label: 'Client Company', searchMethod: 'searchClientCompanies', idPattern: OPAQUE_ID, idExample: '1001' },
	project: { label: 'Project', searchMethod: 'searchProjects', idPattern: OPAQUE_ID, idExample: '2001' },
	user: { label: 'User', searchMethod: 'searchUsers', idPattern: OPAQUE_ID, idExample: '5001' },
} satisfies Record<string, LocatorSpec>;

export type TeamWorkLiveLocator = keyof typeof teamWorkLiveLocators;
