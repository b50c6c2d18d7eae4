import type { ResourceSpec } from '../../shared/types';
import { crudResource } from './crud';
import { additionalBody, contentField, nameField } from './fields';

export const tasksResource: ResourceSpec = crudResource({
	value: 'task',
	name: 'Task',
	singular: 'task',
	plural: 'tasks',
	segment: 'tasks',
	idName: 'taskId',
	inProject: true,
	seen: 'the help pages show tasks (items flagged as tasks, assignable, with reminders), not their API',
	body: (required) => [nameField(required), contentField, additionalBody()],
});
