import type { ResourceSpec } from '../../shared/types';
import { budgetsResource } from './budgets';
import { clientCompaniesResource } from './clientCompanies';
import { contactsResource } from './contacts';
import { eventsResource } from './events';
import { foldersResource } from './folders';
import { messagesResource } from './messages';
import { milestonesResource } from './milestones';
import { projectsResource } from './projects';
import { tasksResource } from './tasks';
import { timeEntriesResource } from './timeEntries';
import { usersResource } from './users';

/**
 * Every TeamWork Live resource: client companies (the one call the API overview names) first, then the product
 * areas of spec §9.2. All routes are assumptions (evidence inferredPath); paths carry no format suffix, the
 * transport adds `.json`.
 */
export const teamWorkLiveResources: ResourceSpec[] = [
	clientCompaniesResource,
	projectsResource,
	milestonesResource,
	tasksResource,
	eventsResource,
	messagesResource,
	timeEntriesResource,
	contactsResource,
	usersResource,
	foldersResource,
	budgetsResource,
];
