import type { ResourceSpec } from '../../shared/types';
import { clientsResource } from './clients';
import { expensesResource } from './expenses';
import { invoicesResource } from './invoices';
import { projectsResource } from './projects';
import { reportsResource } from './reports';
import { timesheetsResource } from './timesheets';
import { usersResource } from './users';

/** Every WeWorked resource (all read-only GETs); each file holds that resource's operations as data. */
export const weWorkedResources: ResourceSpec[] = [
	clientsResource,
	expensesResource,
	invoicesResource,
	projectsResource,
	reportsResource,
	timesheetsResource,
	usersResource,
];
