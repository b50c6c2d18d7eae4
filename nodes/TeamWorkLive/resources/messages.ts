import type { ResourceSpec } from '../../shared/types';
import { crudResource } from './crud';
import { additionalBody, contentField, nameField } from './fields';

export const messagesResource: ResourceSpec = crudResource({
	value: 'message',
	name: 'Message',
	singular: 'message',
	plural: 'messages',
	segment: 'messages',
	idName: 'messageId',
	inProject: true,
	seen: 'the help menu lists messages, nothing about their API or fields',
	body: (required) => [nameField(required), contentField, additionalBody()],
});
