import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { RequestContext } from './transport';

/**
 * The credential's own settings (base URL, rate, route overrides) as the shared code reads them: once per
 * node run, not once per item. Keyed by the context n8n creates for each node run (execute, poll, hook,
 * list search), so they are never kept across executions and a changed credential is read afresh.
 * The transport hands the same data to httpRequestWithAuthentication, which still applies the credential's
 * `authenticate` (and its preAuthentication) on every request and refreshes OAuth2 tokens its own way.
 */
const readPerRun = new WeakMap<object, Map<string, Promise<ICredentialDataDecryptedObject>>>();

export async function credentialSettings(
	context: RequestContext,
	credentialType: string,
): Promise<ICredentialDataDecryptedObject> {
	let byType = readPerRun.get(context);
	if (!byType) {
		byType = new Map();
		readPerRun.set(context, byType);
	}
	let settings = byType.get(credentialType);
	if (!settings) {
		// Item 0, as n8n itself reads the credential for authentication.
		settings = context.getCredentials(credentialType);
		byType.set(credentialType, settings);
		// A failed read is not remembered: the next item tries again (and fails with its own item index).
		settings.catch(() => byType.delete(credentialType));
	}
	return await settings;
}
