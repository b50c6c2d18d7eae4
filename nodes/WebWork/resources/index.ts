import type { ResourceSpec } from '../../shared/types';
import { contractsResource } from './contracts';
import { expensesResource } from './expenses';
import { leavesResource } from './leaves';
import { membersResource } from './members';
import { projectsResource } from './projects';
import { projectViewersResource } from './projectViewers';
import { reportsResource } from './reports';
import { tasksResource } from './tasks';
import { timeEntriesResource } from './timeEntries';
import { timeRequestsResource } from './timeRequests';
import { timesheetsResource } from './timesheets';
import { timeTrackingResource } from './timeTracking';
import { webhooksResource } from './webhooks';
import { workspacesResource } from './workspaces';

/** Every WebWork resource; each file holds that resource's operations as data (see shared/types.ts). */
export const webWorkResources: ResourceSpec[] = [
	workspacesResource,
	membersResource,
	projectsResource,
	contractsResource,
	tasksResource,
	projectViewersResource,
	timesheetsResource,
	timeRequestsResource,
	leavesResource,
	expensesResource,
	timeTrackingResource,
	timeEntriesResource,
	webhooksResource,
	reportsResource,
];
