import type { ResourceSpec } from '../../shared/types';
import { crudResource } from './crud';
import { additionalBody, contentField, nameField } from './fields';

export const eventsResource: ResourceSpec = crudResource({
	value: 'event',
	name: 'Calendar Event',
	singular: 'calendar event',
	plural: 'calendar events',
	segment: 'events',
	idName: 'eventId',
	inProject: true,
	seen: 'the help pages show calendar events (with reminders and time entries), not their API',
	body: (required) => [nameField(required), contentField, additionalBody()],
});
