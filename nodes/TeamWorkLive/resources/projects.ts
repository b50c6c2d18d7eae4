import type { ResourceSpec } from '../../shared/types';
import { crudResource } from './crud';
import { additionalBody, nameField } from './fields';

export const projectsResource: ResourceSpec = crudResource({
	value: 'project',
	name: 'Project',
	singular: 'project',
	plural: 'projects',
	segment: 'projects',
	idName: 'projectId',
	entity: 'project',
	inProject: false,
	seen: 'the help pages show projects (statuses Planning, Active, Critical, On-Hold, Archived), not their API',
	body: (required) => [nameField(required), additionalBody()],
});
