import type { ResourceSpec } from '../../shared/types';
import { companiesResource } from './companies';
import { contractsResource } from './contracts';
import { freelancersResource } from './freelancers';
import { invoicesResource } from './invoices';
import { organizationsResource } from './organizations';
import { paymentsResource } from './payments';
import { payoutsResource } from './payouts';
import { projectsResource } from './projects';
import { timesheetsResource } from './timesheets';

/**
 * Every Worksible resource. Only Company → Get Mine is documented; the rest are the resources the developer
 * page names, with conventional routes marked `inferredPath` (see builders.ts).
 */
export const worksibleResources: ResourceSpec[] = [
	companiesResource,
	contractsResource,
	freelancersResource,
	invoicesResource,
	organizationsResource,
	paymentsResource,
	payoutsResource,
	projectsResource,
	timesheetsResource,
];
