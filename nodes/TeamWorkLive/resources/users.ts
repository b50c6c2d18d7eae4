import type { ResourceSpec } from '../../shared/types';
import { crudResource } from './crud';
import { additionalBody, nameField } from './fields';

export const usersResource: ResourceSpec = crudResource({
	value: 'user',
	name: 'User',
	singular: 'user',
	plural: 'users',
	segment: 'users',
	idName: 'userId',
	entity: 'user',
	inProject: false,
	seen: 'the help pages show users invited by name and e-mail as team members or clients, not their API',
	body: (required) => [
		nameField(required),
		{ name: 'email', in: 'body', kind: 'string', ...(required ? { required: true } : {}), description: 'E-mail address (field name assumed; users are invited by name and e-mail)' },
		additionalBody(),
	],
});
