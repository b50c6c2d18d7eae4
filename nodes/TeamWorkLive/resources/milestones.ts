import type { ResourceSpec } from '../../shared/types';
import { crudResource } from './crud';
import { additionalBody, contentField, nameField } from './fields';

export const milestonesResource: ResourceSpec = crudResource({
	value: 'milestone',
	name: 'Milestone',
	singular: 'milestone',
	plural: 'milestones',
	segment: 'milestones',
	idName: 'milestoneId',
	inProject: true,
	seen: 'the help pages show milestones (items flagged as milestones, assignable), not their API',
	body: (required) => [nameField(required), contentField, additionalBody()],
});
