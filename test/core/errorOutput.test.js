/**
 * "On Error: Continue (using error output)": n8n routes an item to the error output only when the item
 * carries the error (or its json is nothing but `error`). Ours carry description and HTTP code too, so
 * the router puts the error on the item: failed items leave on the error output, paired, the rest on
 * the success output.
 */
const { runWorkflow } = require('../harness');
const { startWebWorkEmulator, byId, tokenCredentials } = require('../webwork/helpers');

let emulator;
beforeAll(async () => {
	emulator = await startWebWorkEmulator();
});
afterAll(() => emulator.close());

test('a 404 item leaves on the error output, paired; the others on the success output', async () => {
	const projects = (await (await fetch(`${emulator.baseUrl}/projects?workspace_id=101&per_page=2`, { headers: { authorization: `Bearer ${emulator.token}` } })).json()).data;
	const ids = [projects[0].id, 999999, projects[1].id];
	const run = await runWorkflow({
		node: {
			type: 'webWork',
			name: 'WebWork',
			parameters: { authentication: 'accessToken', resource: 'projects', operation: 'get', projectId: byId('={{ $json.id }}'), workspaceId: byId(101) },
			onError: 'continueErrorOutput',
		},
		input: ids.map((id) => ({ id })),
		credentials: tokenCredentials(emulator),
	});
	expect(run.status).toBe('success');
	const [success, failed] = run.runData.WebWork[0].data.main;
	expect(success.map((item) => item.json.id)).toEqual([projects[0].id, projects[1].id]);
	expect(success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
	expect(failed).toHaveLength(1);
	expect(failed[0].pairedItem).toEqual({ item: 1 });
	expect(failed[0].json.error).toMatch(/item 1/);
});
