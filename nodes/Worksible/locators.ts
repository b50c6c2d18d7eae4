import type { LocatorSpec } from '../shared/types';

/** Entities with a resource-locator picker (the node's `search<Entity>s` list method, see methods/listSearch.ts). */
export type WorksibleEntity = 'organization' | 'freelancer' | 'project' | 'contract' | 'invoice';

/**
 * IDs are opaque strings (spec §4: never parse them or assume integers). The pattern only refuses what cannot
 * be one path segment; the examples follow the emulator's prefixed IDs, which are our assumption.
 */
const OPAQUE_ID = '[^\\s/?#]+';

/** What users pick from lists in Worksible nodes. */
export const worksibleLocators: Record<WorksibleEntity, LocatorSpec> = {
	organization: { label: 'Organization', searchMethod: 'searchOrganizations', idPattern: OPAQUE_ID, idExample: 'org_4f9c2a1b7d3e' },
	freelancer: { label: 'Freelancer', searchMethod: 'searchFreelancers', idPattern: OPAQUE_ID, idExample: 'fl_8b2d6e0a4c1f' },
	project: { label: 'Project', searchMethod: 'searchProjects', idPattern: OPAQUE_ID, idExample: 'prj_1c7e9a3f5b2d' },
	contract: { label: 'Contract', searchMethod: 'searchContracts', idPattern: OPAQUE_ID, idExample: 'ctr_6a0f2c8e4b9d' },
	invoice: { label: 'Invoice', searchMethod: 'searchInvoices', idPattern: OPAQUE_ID, idExample: 'inv_3e5b7d9f1a2c' },
};
