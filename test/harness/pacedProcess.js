/**
 * One independent "n8n process" for the shared-token tests and benchmarks: its own Node process (so its
 * own module-level pacer), running one WebWork node over N item-level GETs through the harness.
 *
 *   node test/harness/pacedProcess.js '{"baseUrl","token","items","projectId","workspaceId","startAt","requestsPerMinute"}'
 *
 * Waits until startAt (epoch ms) so several processes start together, then prints one JSON line:
 * {ok, failed, errors: [first few messages], startedAt, endedAt}.
 */
process.env.TZ = 'UTC';
const { runWorkflow } = require('./index');

async function main() {
	const options = JSON.parse(process.argv[2]);
	const byId = (value) => ({ __rl: true, mode: 'id', value: String(value) });
	const delay = options.startAt - Date.now();
	if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
	const startedAt = Date.now();
	const run = await runWorkflow({
		node: {
			type: 'webWork',
			continueOnFail: true,
			onError: 'continueRegularOutput',
			parameters: {
				authentication: 'accessToken',
				resource: 'projects',
				operation: 'get',
				projectId: byId(options.projectId),
				workspaceId: byId(options.workspaceId),
			},
		},
		input: Array.from({ length: options.items }, (_, i) => ({ i })),
		credentials: {
			webWorkApi: { accessToken: options.token, baseUrl: options.baseUrl, requestsPerMinute: options.requestsPerMinute },
		},
	});
	const failed = run.items.filter((item) => item.error !== undefined);
	const ok = run.items.filter((item) => item.id === options.projectId).length;
	process.stdout.write(
		`${JSON.stringify({ ok, failed: failed.length, errors: failed.slice(0, 3).map((item) => item.error), startedAt, endedAt: Date.now() })}\n`,
	);
}

main().catch((error) => {
	process.stdout.write(`${JSON.stringify({ ok: 0, failed: -1, errors: [String(error && error.stack)] })}\n`);
	process.exit(1);
});
