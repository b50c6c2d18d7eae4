import type { ResourceSpec } from '../../shared/types';
import { crudResource } from './crud';
import { additionalBody, nameField } from './fields';

export const contactsResource: ResourceSpec = crudResource({
	value: 'contact',
	name: 'Contact',
	singular: 'contact',
	plural: 'contacts',
	segment: 'contacts',
	idName: 'contactId',
	inProject: false,
	seen: 'the help menu lists contacts (address and contact details), nothing about their API',
	body: (required) => [nameField(required), additionalBody()],
});
