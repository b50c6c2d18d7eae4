import type { ResourceSpec } from '../../shared/types';
import { crudResource } from './crud';
import { additionalBody, nameField } from './fields';

export const foldersResource: ResourceSpec = crudResource({
	value: 'folder',
	name: 'Folder',
	singular: 'folder',
	plural: 'folders',
	segment: 'folders',
	idName: 'folderId',
	inProject: true,
	seen: 'the help menu lists folders (items sit in folders), nothing about their API',
	body: (required) => [nameField(required), additionalBody()],
});
