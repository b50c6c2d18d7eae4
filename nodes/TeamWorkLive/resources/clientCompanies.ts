import type { ResourceSpec } from '../../shared/types';
import { crudResource } from './crud';
import { additionalBody, nameField } from './fields';

export const clientCompaniesResource: ResourceSpec = crudResource({
	value: 'clientCompany',
	name: 'Client Company',
	description: 'The one resource the API overview names (its list call)',
	singular: 'client company',
	plural: 'client companies',
	segment: 'clientcompanies',
	idName: 'clientCompanyId',
	entity: 'clientCompany',
	inProject: false,
	seen: 'the overview names only the client-companies list, not these calls',
	listNote:
		'The API overview names this call (a GET that returns an empty list, not an error, when the account has none) but not its path; /clientcompanies is assumed. If your account rejects it, set Path Override here or a line in the credential\'s Route Overrides.',
	body: (required) => [nameField(required), additionalBody()],
});
