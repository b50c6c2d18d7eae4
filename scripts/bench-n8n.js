'use strict';
/**
 * `npm run bench`: this pack next to n8n's HTTP Request node, in ONE real n8n (2.40.7, `n8n start`, cached by
 * scripts/install-n8n.sh) against ONE WebWork emulator, plus the harness benchmarks (scripts/bench.js).
 * Writes docs/benchmarks.md and docs/benchmarks.svg.
 *
 *  (a) item-level GETs: WebWork node vs HTTP Request with the same credential type (predefined webWorkApi)
 *      vs HTTP Request with a plain Authorization header; per-item time from n8n's own per-node
 *      executionTime; three runs rotating the order (each variant once first, middle, last), medians.
 *  (b) Return All of 10,000 projects: WebWork node vs HTTP Request with its pagination settings (+ Split
 *      Out to get records as items): calls, wall time, peak RSS of the n8n process.
 *  (c) bulk create of 300 projects under 60 requests per minute, three tokens at once: WebWork node
 *      (failures, wall vs the 240 s bound), HTTP Request defaults, HTTP Request batching tuned to the limit.
 *  (d) idle poll cost per trigger and the pacing / shared-token benchmarks: harness (during (c)).
 *
 * Env: BENCH_ITEMS (1000), BENCH_RECORDS (10000), BENCH_ONLY=a|b|c (one phase, no docs written),
 * BENCH_TARBALL=<packed .tgz> (measure another build), BENCH_OUTPUT=<file> (raw results as JSON),
 * BENCH_BEFORE=<file> (a BENCH_OUTPUT of an earlier build: shown next to this one), BENCH_KEEP=1.
 */
process.env.TZ = 'UTC';
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const h = require('./n8n-host'); // the same n8n hosting as the e2e suite and npm start
const { startWebWorkEmulator } = require('../test/emulators/webwork');

const ITEMS = Number(process.env.BENCH_ITEMS) || 1000;
const RECORDS = Number(process.env.BENCH_RECORDS) || 10000;
const BULK = 300;
const BULK_LIMIT = 60;
const BULK_WINDOW_MS = 60_000;
const ONLY = process.env.BENCH_ONLY;
const PKG = require('../package.json');
const OURS = `${PKG.name}.webWork`;
const GET_WORKSPACE = '101';
const LIST_WORKSPACE = '102';
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const round = (value, digits = 2) => Number(value.toFixed(digits));

/** Resident set size of a process now, in MiB (Linux /proc). */
function rssMiB(pid) {
	try {
		const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) / 1024;
	} catch {
		return NaN;
	}
}

// ---------------------------------------------------------------------------------------------
// Workflows

let nodeCounter = 0;
function node(name, type, typeVersion, parameters, extra = {}) {
	nodeCounter++;
	return { id: crypto.randomUUID(), name, type, typeVersion, position: [nodeCounter * 220, 0], parameters, ...extra };
}

/** A webhook-started chain (the webhook answers at once; the execution is read back over REST). */
function chainWorkflow(id, nodes) {
	const webhookId = crypto.randomUUID();
	const all = [
		node('Webhook', 'n8n-nodes-base.webhook', 2, { httpMethod: 'POST', path: `bench-${id}`, responseMode: 'onReceived', options: {} }, { webhookId }),
		...nodes,
	];
	const connections = {};
	for (let i = 0; i + 1 < all.length; i++) connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	return { id, name: `bench ${id}`, active: false, settings: { executionOrder: 'v1' }, nodes: all, connections, path: `bench-${id}` };
}

/** N items {ids: i}: a Set node with a literal JSON list, split out (no Code node, no task runner). */
function itemNodes(count) {
	return [
		node('Numbers', 'n8n-nodes-base.set', 3.4, { mode: 'raw', jsonOutput: JSON.stringify({ ids: Array.from({ length: count }, (_, i) => i) }), options: {} }),
		node('Items', 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: 'ids', include: 'noOtherFields', options: {} }),
	];
}

const cred = (credential) => ({ webWorkApi: { id: credential.id, name: credential.name } });
const byId = (value) => ({ __rl: true, mode: 'id', value: String(value) });

const variantsA = {
	ours: (c, ctx) =>
		node('WebWork node', OURS, 1, { authentication: 'accessToken', resource: 'projects', operation: 'get', projectId: byId(ctx.projectId), workspaceId: byId(GET_WORKSPACE) }, { credentials: cred(c) }),
	same: (c, ctx) =>
		node('HTTP Request, same credential', 'n8n-nodes-base.httpRequest', 4.2, {
			method: 'GET',
			url: `${ctx.baseUrl}/projects/${ctx.projectId}?workspace_id=${GET_WORKSPACE}`,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: 'webWorkApi',
			options: {},
		}, { credentials: cred(c) }),
	header: (c, ctx) =>
		node('HTTP Request, plain header', 'n8n-nodes-base.httpRequest', 4.2, {
			method: 'GET',
			url: `${ctx.baseUrl}/projects/${ctx.projectId}?workspace_id=${GET_WORKSPACE}`,
			authentication: 'none',
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'Authorization', value: `Bearer ${ctx.token}` }] },
			options: {},
		}),
};
const ORDERS = [
	['ours', 'same', 'header'],
	['same', 'header', 'ours'],
	['header', 'ours', 'same'],
];

// ---------------------------------------------------------------------------------------------
// Running executions in the server

async function newExecution(rest, flatted, workflow, trigger, { sampleRssOf } = {}) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId: workflow.id }));
	const list = async () => (await rest.request('GET', `/executions?filter=${filter}&limit=100`)).results;
	const before = new Set((await list()).map((e) => e.id));
	const baselineRss = sampleRssOf ? rssMiB(sampleRssOf) : NaN;
	let peakRss = baselineRss;
	const sampler = sampleRssOf ? setInterval(() => (peakRss = Math.max(peakRss, rssMiB(sampleRssOf))), 50) : null;
	const started = Date.now();
	const response = await fetch(`${trigger}/webhook/${workflow.path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
	if (!response.ok) throw new Error(`webhook ${workflow.path} answered ${response.status}: ${await response.text()}`);
	let execution;
	for (;;) {
		await h.sleep(500);
		execution = (await list()).find((e) => !before.has(e.id) && ['success', 'error', 'crashed', 'canceled'].includes(e.status));
		if (execution) break;
		if (Date.now() - started > 15 * 60_000) throw new Error(`no finished execution of ${workflow.id}`);
	}
	if (sampler) clearInterval(sampler);
	const full = await rest.request('GET', `/executions/${execution.id}`);
	const data = typeof full.data === 'string' ? flatted.parse(full.data) : full.data;
	const runData = data.resultData.runData;
	const nodeRun = (name) => {
		const runs = runData[name];
		if (!runs) throw new Error(`node "${name}" did not run in ${workflow.id} (${execution.status}): ${JSON.stringify(data.resultData.error || {}).slice(0, 500)}`);
		return { ms: runs[0].executionTime, items: (runs[0].data?.main?.[0] ?? []).map((item) => item.json) };
	};
	return { status: execution.status, nodeRun, baselineRss, peakRss };
}

// ---------------------------------------------------------------------------------------------
// Phases

async function phaseA(ctx) {
	console.log(`\n(a) ${ITEMS} item-level GETs per variant, 1 warm-up + ${2 * ORDERS.length} runs in rotating order`);
	ctx.emulator.setRateLimit({ limit: 1e9, windowMs: 60_000 });
	const perItem = { ours: [], same: [], header: [] };
	const runs = [ORDERS[0], ...ORDERS, ...ORDERS];
	const ratios = [];
	for (let i = 0; i < runs.length; i++) {
		const workflow = ctx.workflows[`a${ORDERS.indexOf(runs[i])}`];
		const execution = await newExecution(ctx.rest, ctx.flatted, workflow, ctx.server.baseUrl);
		const row = {};
		for (const variant of runs[i]) {
			const run = execution.nodeRun(variantsA[variant](ctx.mainCredential, ctx).name);
			if (run.items.length !== ITEMS) throw new Error(`${variant} output ${run.items.length} items`);
			row[variant] = run.ms / ITEMS;
			if (i > 0) perItem[variant].push(row[variant]);
		}
		if (i > 0) ratios.push(row.ours / row.same);
		console.log(`  ${i === 0 ? 'warm-up' : `run ${i}`} (${runs[i].join(', ')}): ${Object.entries(row).map(([k, v]) => `${k} ${v.toFixed(3)} ms/item`).join(', ')}`);
	}
	const result = {
		items: ITEMS,
		runs: perItem,
		ours: median(perItem.ours),
		same: median(perItem.same),
		header: median(perItem.header),
	};
	result.ratioSame = result.ours / result.same;
	// The same ratio within each run (both variants under the same load), median over the runs.
	result.pairedRatios = ratios;
	result.pairedRatioSame = median(ratios);
	result.ratioHeader = result.ours / result.header;
	console.log(`  medians: ours ${result.ours.toFixed(3)}, HTTP same credential ${result.same.toFixed(3)}, HTTP plain header ${result.header.toFixed(3)} ms/item; ours / HTTP same credential = ${result.ratioSame.toFixed(3)} (median of the per-run ratios ${result.pairedRatioSame.toFixed(3)})`);
	return result;
}

async function phaseB(ctx) {
	console.log(`\n(b) Return All of ${RECORDS} projects, each variant twice (alternating)`);
	ctx.emulator.setRateLimit({ limit: 1e9, windowMs: 60_000 });
	const rows = { ours: [], http: [] };
	for (const variant of ['ours', 'http', 'ours', 'http']) {
		ctx.emulator.clearLog();
		const execution = await newExecution(ctx.rest, ctx.flatted, ctx.workflows[`b-${variant}`], ctx.server.baseUrl, { sampleRssOf: ctx.server.pid });
		const calls = ctx.emulator.requests.filter((r) => r.method === 'GET' && r.path === '/projects').length;
		let wallMs;
		let records;
		if (variant === 'ours') {
			const run = execution.nodeRun('WebWork node');
			wallMs = run.ms;
			records = run.items.length;
		} else {
			const http = execution.nodeRun('HTTP Request, paginated');
			const split = execution.nodeRun('Records');
			wallMs = http.ms + split.ms;
			records = split.items.length;
		}
		const row = { calls, wallMs, records, peakRssMiB: execution.peakRss, rssGrowthMiB: execution.peakRss - execution.baselineRss };
		rows[variant].push(row);
		console.log(`  ${variant}: ${records} records, ${calls} calls, ${(wallMs / 1000).toFixed(2)} s, peak RSS ${row.peakRssMiB.toFixed(0)} MiB (+${row.rssGrowthMiB.toFixed(0)})`);
	}
	const pick = (list) => ({
		calls: list[0].calls,
		records: list[0].records,
		wallMs: median(list.map((r) => r.wallMs)),
		peakRssMiB: Math.min(...list.map((r) => r.peakRssMiB)),
		rssGrowthMiB: Math.min(...list.map((r) => r.rssGrowthMiB)),
		runs: list,
	});
	return { records: RECORDS, ours: pick(rows.ours), http: pick(rows.http) };
}

async function phaseC(ctx, whileWaiting) {
	console.log(`\n(c) bulk create of ${BULK} projects under ${BULK_LIMIT} per minute, three tokens at once`);
	ctx.emulator.setRateLimit({ limit: BULK_LIMIT, windowMs: BULK_WINDOW_MS });
	ctx.emulator.resetRateLimit();
	const variants = [
		{ key: 'ours', workflow: ctx.workflows['c-ours'], node: 'WebWork node' },
		{ key: 'httpDefaults', workflow: ctx.workflows['c-http'], node: 'HTTP Request, defaults' },
		{ key: 'httpTuned', workflow: ctx.workflows['c-tuned'], node: 'HTTP Request, batching 60 per 60 s' },
	];
	const running = variants.map((variant) => newExecution(ctx.rest, ctx.flatted, variant.workflow, ctx.server.baseUrl));
	const harness = whileWaiting ? await whileWaiting() : undefined;
	const executions = await Promise.all(running);
	const lowerBoundMs = (Math.ceil(BULK / BULK_LIMIT) - 1) * BULK_WINDOW_MS;
	const result = { items: BULK, limit: BULK_LIMIT, lowerBoundMs };
	variants.forEach((variant, i) => {
		const run = executions[i].nodeRun(variant.node);
		const failed = run.items.filter((item) => item.error !== undefined).length;
		const created = run.items.length - failed;
		const token = ctx.bulkTokens[variant.key];
		const refusals = ctx.emulator.requests.filter((r) => r.method === 'POST' && r.path === '/projects' && r.status === 429 && (r.headers.authorization || '').endsWith(token)).length;
		result[variant.key] = { failed, created, wallMs: run.ms, ratio: run.ms / lowerBoundMs, refusals };
		console.log(`  ${variant.key}: ${created} created, ${failed} failed, ${refusals} 429s, ${(run.ms / 1000).toFixed(1)} s (bound ${lowerBoundMs / 1000} s)`);
	});
	return { result, harness };
}

// ---------------------------------------------------------------------------------------------
// Report

function machine() {
	const cpus = os.cpus();
	return {
		date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
		cpu: `${cpus[0]?.model ?? 'unknown'} (${cpus.length} cores)`,
		memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
		os: `${os.type()} ${os.release()}`,
		load: os.loadavg().map((v) => v.toFixed(2)).join(' '),
		benchNode: process.version,
	};
}

function svgChart(report) {
	const a = report.a;
	const b = report.b;
	const c = report.c?.result;
	const width = 760;
	const bar = (x, y, w, color) => `<rect x="${x}" y="${y}" width="${Math.max(1, w).toFixed(1)}" height="18" fill="${color}"/>`;
	const text = (x, y, value, attrs = '') => `<text x="${x}" y="${y}" font-size="12" font-family="sans-serif" ${attrs}>${value}</text>`;
	const parts = [];
	let y = 30;
	parts.push(text(10, 20, 'Per item (ms, lower is better): 1,000 item-level GETs in one n8n', 'font-weight="bold"'));
	const maxMs = Math.max(a.ours, a.same, a.header);
	for (const [label, value, color] of [
		['WebWork node', a.ours, '#3b7dd8'],
		['HTTP Request, same credential', a.same, '#999'],
		['HTTP Request, plain header', a.header, '#ccc'],
	]) {
		parts.push(text(10, y + 13, label), bar(230, y, (value / maxMs) * 420, color), text(236 + (value / maxMs) * 420, y + 13, value.toFixed(2)));
		y += 24;
	}
	y += 20;
	parts.push(text(10, y, 'WebWork node / HTTP Request (1 = same; lower is better)', 'font-weight="bold"'));
	y += 10;
	const ratios = [['per item, same credential', a.ratioSame]];
	if (b) {
		ratios.push(['Return All: calls', b.ours.calls / b.http.calls]);
		ratios.push(['Return All: wall time', b.ours.wallMs / b.http.wallMs]);
		ratios.push(['Return All: peak RSS growth', b.ours.rssGrowthMiB / Math.max(1, b.http.rssGrowthMiB)]);
	}
	if (c) ratios.push(['bulk 300 @60/min: wall vs tuned batching', c.ours.wallMs / c.httpTuned.wallMs]);
	const scale = 420 / Math.max(2, ...ratios.map(([, r]) => r));
	for (const [label, ratio] of ratios) {
		parts.push(text(10, y + 13, label), bar(230, y, ratio * scale, ratio <= 1.05 ? '#3b7dd8' : '#d8823b'), text(236 + ratio * scale, y + 13, ratio.toFixed(2)));
		y += 24;
	}
	parts.push(`<line x1="${230 + scale}" y1="${y - ratios.length * 24 - 4}" x2="${230 + scale}" y2="${y}" stroke="#333" stroke-dasharray="4 3"/>`);
	if (c) {
		y += 20;
		parts.push(text(10, y, `Bulk create of ${c.items} under ${c.limit}/min: failed items`, 'font-weight="bold"'));
		y += 10;
		const maxFailed = Math.max(1, c.ours.failed, c.httpDefaults.failed, c.httpTuned.failed);
		for (const [label, value] of [
			['WebWork node', c.ours.failed],
			['HTTP Request, defaults', c.httpDefaults.failed],
			['HTTP Request, batching 60/60 s', c.httpTuned.failed],
		]) {
			parts.push(text(10, y + 13, label), bar(230, y, (value / maxFailed) * 420, value ? '#d8823b' : '#3b7dd8'), text(236 + (value / maxFailed) * 420, y + 13, String(value)));
			y += 24;
		}
	}
	const height = y + 16;
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">\n<rect width="100%" height="100%" fill="white"/>\n${parts.join('\n')}\n</svg>\n`;
}

function markdown(report) {
	const { a, b, before } = report;
	const c = report.c?.result;
	const harness = report.harness?.data;
	const m = report.machine;
	const s = (ms) => (ms / 1000).toFixed(1);
	const lines = [];
	lines.push('# Benchmarks', '');
	lines.push(`Generated by \`npm run bench\` (scripts/bench-n8n.js and scripts/bench.js) on ${m.date}. Ratios, not absolute times, are what to compare: they are measured side by side in one run.`, '');
	lines.push(`Machine: ${m.cpu}, ${m.memory}, ${m.os}; load average at the end ${m.load} (the machine is shared). n8n ${report.n8nVersion} (\`n8n start\`, SQLite, regular mode) on Node ${report.n8nNode}; the harness on Node ${m.benchNode}. One WebWork emulator (test/emulators/webwork.js) in the benchmark process serves everything.`, '');
	lines.push('![chart](benchmarks.svg)', '');
	lines.push(`## (a) Item-level GETs: ${a.items} items`, '');
	lines.push('One execution per run holds the three variants one after the other on the same items; n8n\'s own per-node execution time divided by the items. One warm-up run, then six runs rotating the order (each variant twice first, twice in the middle, twice last); medians, and the median of the ratio taken within each run (both variants under the same machine load).', '');
	lines.push('| Variant | ms per item (median) | runs | vs HTTP Request, same credential |', '|---|---|---|---|');
	const runs = (list) => list.map((v) => v.toFixed(2)).join(' / ');
	lines.push(`| WebWork node | ${a.ours.toFixed(2)} | ${runs(a.runs.ours)} | **${a.ratioSame.toFixed(3)}** |`);
	lines.push(`| HTTP Request, predefined credential \`webWorkApi\` | ${a.same.toFixed(2)} | ${runs(a.runs.same)} | 1 |`);
	lines.push(`| HTTP Request, plain Authorization header | ${a.header.toFixed(2)} | ${runs(a.runs.header)} | ${(a.header / a.same).toFixed(3)} |`);
	lines.push('');
	lines.push(`Ratio WebWork node / HTTP Request same credential within each run: ${a.pairedRatios.map((r) => r.toFixed(3)).join(', ')}; median **${a.pairedRatioSame.toFixed(3)}**.`, '');
	if (before) {
		lines.push(`Before the credential's settings were read once per node run (${before.label}), same method and machine, measured just before this run: WebWork node ${before.a.ours.toFixed(2)} ms per item, HTTP Request same credential ${before.a.same.toFixed(2)}: ratio ${before.a.ratioSame.toFixed(3)} (within-run median ${before.a.pairedRatioSame.toFixed(3)}).`, '');
	}
	lines.push('The HTTP Request node sends all items\' requests at once (it awaits them together); the WebWork node sends one item\'s request after the other, paced and retried. Both have n8n resolve and decrypt the credential for every authenticated request; the WebWork node reads the credential\'s own settings (base URL, rate, route overrides) once per node run.', '');
	if (b) {
		lines.push(`## (b) Return All of ${b.records} records`, '');
		lines.push('WebWork node (Projects → Get Many → Return All) vs HTTP Request with its pagination settings (page = `$pageCount + 1`, `per_page=100`, complete when `current_page >= last_page`) plus a Split Out of `data`, so both end with one item per record. Each twice, alternating; wall = median of n8n\'s node times, RSS = the n8n process sampled every 50 ms (peak, and growth over the value before the run; the lower of two runs).', '');
		lines.push('| Variant | records | calls | wall (s) | peak RSS (MiB) | RSS growth (MiB) |', '|---|---|---|---|---|---|');
		lines.push(`| WebWork node | ${b.ours.records} | ${b.ours.calls} | ${s(b.ours.wallMs)} | ${b.ours.peakRssMiB.toFixed(0)} | ${b.ours.rssGrowthMiB.toFixed(0)} |`);
		lines.push(`| HTTP Request + Split Out | ${b.http.records} | ${b.http.calls} | ${s(b.http.wallMs)} | ${b.http.peakRssMiB.toFixed(0)} | ${b.http.rssGrowthMiB.toFixed(0)} |`);
		lines.push(`| ratio | | ${(b.ours.calls / b.http.calls).toFixed(2)} | ${(b.ours.wallMs / b.http.wallMs).toFixed(2)} | ${(b.ours.peakRssMiB / b.http.peakRssMiB).toFixed(2)} | ${(b.ours.rssGrowthMiB / Math.max(1, b.http.rssGrowthMiB)).toFixed(2)} |`);
		lines.push('');
	}
	if (c) {
		lines.push(`## (c) Bulk create of ${c.items} records under ${c.limit} requests per minute`, '');
		lines.push(`Three executions at once, each on its own token (the emulator counts per token, sliding window). Lower bound: ${c.limit} at once, then ${c.limit} per minute = ${s(c.lowerBoundMs)} s. The WebWork credential keeps its documented default (60 per minute); failed items are counted with "continue on error".`, '');
		lines.push('| Variant | failed items | 429s | wall (s) | wall / bound |', '|---|---|---|---|---|');
		lines.push(`| WebWork node (defaults) | ${c.ours.failed} | ${c.ours.refusals} | ${s(c.ours.wallMs)} | ${c.ours.ratio.toFixed(3)} |`);
		lines.push(`| HTTP Request, defaults | ${c.httpDefaults.failed} | ${c.httpDefaults.refusals} | ${s(c.httpDefaults.wallMs)} | ${c.httpDefaults.ratio.toFixed(3)} |`);
		lines.push(`| HTTP Request, batching 60 items per 60,000 ms | ${c.httpTuned.failed} | ${c.httpTuned.refusals} | ${s(c.httpTuned.wallMs)} | ${c.httpTuned.ratio.toFixed(3)} |`);
		lines.push('');
	}
	if (harness) {
		lines.push('## (d) Idle poll cost', '');
		lines.push('Requests one poll makes when nothing is new (harness, test/harness/triggers.js; the activation poll primes and is not counted; every event of the trigger on).', '');
		lines.push('| Trigger | requests per idle poll |', '|---|---|');
		for (const row of harness.idlePolls) lines.push(`| ${row.trigger} | ${row.requestsPerPoll} |`);
		lines.push('');
		lines.push('## Pacing and one token shared by several processes (harness)', '');
		lines.push("Emulator limit 10 requests per 5 s (a sliding window, or a fixed one as Laravel's throttle keeps: the count starts with the first request and is dropped 5 s later; X-RateLimit-Limit / -Remaining on every answer, 429 + Retry-After). The credential states that limit (Requests per Minute 120). Shared: independent Node processes (each its own pacer, as separate n8n workers have), started together, each running one WebWork node over its items. Windows for the 429 counts are 5 s from the first request.", '');
		lines.push('| Run | failed items | 429s | 429s per 5 s window | span (s) | lower bound (s) | span / bound |', '|---|---|---|---|---|---|---|');
		const p = harness.pacing;
		lines.push(`| 1 process x ${p.calls} | 0 | ${p.refusals} | | ${s(p.wallMs)} | ${s(p.lowerBoundMs)} | ${p.ratio.toFixed(3)} |`);
		for (const run of harness.shared) {
			lines.push(`| ${run.processes} processes x ${run.items}${run.window === 'fixed' ? ', fixed window' : ''} | ${run.failed} | ${run.refusals} | worst ${run.worstWindow} (${run.refusalsPerWindow.join('')}) | ${s(run.spanMs)} | ${s(run.lowerBoundMs)} | ${run.ratio.toFixed(3)} |`);
		}
		lines.push('');
		lines.push(`Pagination (harness): Return All over 1,000 projects in ${harness.pagination.listCalls} list calls.`, '');
		lines.push('The lower bound assumes a full window at once and then a full window every 5 s. The pacers keep one of the 10 slots free (so a process starting later gets its first request counted and seen, and two growing into the same room cost one 429, not two): 9 a window, 1.11x that bound, and more for a short run (30 requests alone take 4 windows instead of 3). Sharing processes also spread their slots over the window (about 4% of the bound for 240 requests) so that the others can see and keep the shares.', '');
	}
	return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------

async function main() {
	const started = Date.now();
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'worktime-bench-'));
	const userFolder = path.join(tmp, 'n8n-user');
	let emulator;
	let server;
	try {
		const { nodeBin, n8nBin } = await h.installN8n();
		const env = h.n8nEnv(nodeBin, userFolder, {
			N8N_RUNNERS_BROKER_PORT: String(await h.freePort()),
			N8N_WORKFLOW_PUBLICATION_RECONCILE_INTERVAL_SECONDS: '2',
		});
		const tarball = process.env.BENCH_TARBALL ? path.resolve(process.env.BENCH_TARBALL) : await h.packPackage(tmp);
		await h.installPackage(env, userFolder, tarball);
		const n8n = h.makeN8n({ nodeBin, n8nBin, env, tmp });
		const flatted = require(path.join(n8n.nodeModules, 'flatted'));
		const n8nVersion = require(path.join(n8n.nodeModules, 'n8n', 'package.json')).version;
		const n8nNode = (await h.run(nodeBin, ['--version'])).stdout.trim();

		emulator = await startWebWorkEmulator({ rateLimit: { limit: 1e9, windowMs: 60_000 } });
		const listed = await fetch(`${emulator.baseUrl}/projects?workspace_id=${GET_WORKSPACE}&per_page=1`, { headers: { authorization: `Bearer ${emulator.token}` } }).then((r) => r.json());
		const projectId = listed.data[0].id;
		const existing = await fetch(`${emulator.baseUrl}/projects?workspace_id=${LIST_WORKSPACE}&per_page=1`, { headers: { authorization: `Bearer ${emulator.token}` } }).then((r) => r.json());
		emulator.seedBulk('projects', RECORDS - existing.meta.pagination.total, Number(LIST_WORKSPACE));
		// Three more personal access tokens of the owner for (c): the emulator's limit is per token.
		const bulkTokens = {};
		for (const key of ['ours', 'httpDefaults', 'httpTuned']) {
			const token = `bench-${key}-${crypto.randomBytes(8).toString('hex')}`;
			emulator.state.tokens[token] = { userId: 1, kind: 'pat', label: `bench-${key}` };
			bulkTokens[key] = token;
		}

		const credential = (id, token, extra = {}) => ({ id, name: id, type: 'webWorkApi', data: { accessToken: token, baseUrl: emulator.baseUrl, ...extra } });
		const mainCredential = credential('benchMain', emulator.token, { requestsPerMinute: 1e7 });
		const bulk = {
			ours: credential('benchBulkOurs', bulkTokens.ours),
			httpDefaults: credential('benchBulkHttp', bulkTokens.httpDefaults),
			httpTuned: credential('benchBulkTuned', bulkTokens.httpTuned),
		};
		await n8n.importCredentials([mainCredential, ...Object.values(bulk)]);
		const ctx = { emulator, baseUrl: emulator.baseUrl, token: emulator.token, projectId, mainCredential, bulkTokens, flatted };

		const workflows = {};
		ORDERS.forEach((order, i) => {
			workflows[`a${i}`] = chainWorkflow(`a${i}`, [...itemNodes(ITEMS), ...order.map((variant) => variantsA[variant](mainCredential, ctx))]);
		});
		workflows['b-ours'] = chainWorkflow('b-ours', [
			node('WebWork node', OURS, 1, { authentication: 'accessToken', resource: 'projects', operation: 'getAll', workspaceId: byId(LIST_WORKSPACE), returnAll: true }, { credentials: cred(mainCredential) }),
		]);
		workflows['b-http'] = chainWorkflow('b-http', [
			node('HTTP Request, paginated', 'n8n-nodes-base.httpRequest', 4.2, {
				method: 'GET',
				url: `${emulator.baseUrl}/projects`,
				authentication: 'predefinedCredentialType',
				nodeCredentialType: 'webWorkApi',
				sendQuery: true,
				queryParameters: { parameters: [{ name: 'workspace_id', value: LIST_WORKSPACE }, { name: 'per_page', value: '100' }] },
				options: {
					pagination: {
						pagination: {
							paginationMode: 'updateAParameterInEachRequest',
							parameters: { parameters: [{ type: 'qs', name: 'page', value: '={{ $pageCount + 1 }}' }] },
							paginationCompleteWhen: 'other',
							completeExpression: '={{ $response.body.meta.pagination.current_page >= $response.body.meta.pagination.last_page }}',
						},
					},
				},
			}, { credentials: cred(mainCredential) }),
			node('Records', 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: 'data', include: 'noOtherFields', options: {} }),
		]);
		const createBody = (prefix) => ({
			method: 'POST',
			url: `${emulator.baseUrl}/projects?workspace_id=${GET_WORKSPACE}`,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: 'webWorkApi',
			sendBody: true,
			bodyParameters: { parameters: [{ name: 'name', value: `={{ "${prefix} " + $json.ids }}` }] },
		});
		const continueOnError = { onError: 'continueRegularOutput' };
		workflows['c-ours'] = chainWorkflow('c-ours', [
			...itemNodes(BULK),
			node('WebWork node', OURS, 1, { authentication: 'accessToken', resource: 'projects', operation: 'create', workspaceId: byId(GET_WORKSPACE), name: '={{ "Bench ours " + $json.ids }}' }, { credentials: cred(bulk.ours), ...continueOnError }),
		]);
		workflows['c-http'] = chainWorkflow('c-http', [
			...itemNodes(BULK),
			node('HTTP Request, defaults', 'n8n-nodes-base.httpRequest', 4.2, { ...createBody('Bench http'), options: {} }, { credentials: cred(bulk.httpDefaults), ...continueOnError }),
		]);
		workflows['c-tuned'] = chainWorkflow('c-tuned', [
			...itemNodes(BULK),
			node('HTTP Request, batching 60 per 60 s', 'n8n-nodes-base.httpRequest', 4.2, {
				...createBody('Bench tuned'),
				options: { batching: { batch: { batchSize: BULK_LIMIT, batchInterval: BULK_WINDOW_MS } } },
			}, { credentials: cred(bulk.httpTuned), ...continueOnError }),
		]);
		const wanted = Object.values(workflows).filter((w) => !ONLY || w.id.startsWith(ONLY));
		const workflowFolder = path.join(tmp, 'workflows');
		fs.mkdirSync(workflowFolder);
		for (const { path: _path, ...workflow } of wanted) fs.writeFileSync(path.join(workflowFolder, `${workflow.id}.json`), JSON.stringify(workflow));
		await n8n.importWorkflowFolder(workflowFolder);
		for (const workflow of wanted) await h.cliOk(n8n.n8n, ['publish:workflow', `--id=${workflow.id}`]);

		const port = await h.freePort();
		server = await n8n.startServer(port, { N8N_WORKFLOW_PUBLICATION_RECONCILE_INTERVAL_SECONDS: '2' });
		const rest = h.n8nRest(server.baseUrl);
		await rest.signIn();
		// Publications are applied asynchronously after start: wait until each is.
		for (const workflow of wanted) {
			for (let i = 0; ; i++) {
				const status = await rest.request('GET', `/workflows/${workflow.id}/publication-status`);
				if (status.status === 'published' && !status.pendingVersionId) break;
				if (['failed', 'partial'].includes(status.status) || i > 120) {
					throw new Error(`publication of ${workflow.id}: ${JSON.stringify(status)}\n${server.output().slice(-2000)}`);
				}
				await h.sleep(500);
			}
		}
		Object.assign(ctx, { workflows, rest, server });
		console.log(`n8n ${n8nVersion} ready (${((Date.now() - started) / 1000).toFixed(0)} s after start of the benchmark)`);

		const report = { n8nVersion, n8nNode };
		if (!ONLY || ONLY === 'a') report.a = await phaseA(ctx);
		if (!ONLY || ONLY === 'b') report.b = await phaseB(ctx);
		if (!ONLY || ONLY === 'c') {
			const { runHarnessBenches } = require('./bench');
			report.c = await phaseC(ctx, ONLY ? undefined : () => runHarnessBenches());
			if (report.c.harness) report.harness = report.c.harness;
		}
		report.machine = machine();
		if (process.env.BENCH_BEFORE && fs.existsSync(process.env.BENCH_BEFORE)) report.before = JSON.parse(fs.readFileSync(process.env.BENCH_BEFORE, 'utf8'));
		if (process.env.BENCH_OUTPUT) fs.writeFileSync(process.env.BENCH_OUTPUT, JSON.stringify({ label: process.env.BENCH_LABEL || 'this build', ...report }, null, 2));
		if (!ONLY) {
			fs.mkdirSync(path.join(h.ROOT, 'docs'), { recursive: true });
			fs.writeFileSync(path.join(h.ROOT, 'docs', 'benchmarks.svg'), svgChart(report));
			fs.writeFileSync(path.join(h.ROOT, 'docs', 'benchmarks.md'), markdown(report));
			console.log('\nwrote docs/benchmarks.md and docs/benchmarks.svg');
		}
		const harnessFailed = report.harness ? report.harness.results.filter((r) => !r.ok).length : 0;
		console.log(`\nbench took ${((Date.now() - started) / 60_000).toFixed(1)} min; harness checks outside bounds: ${harnessFailed}`);
		if (report.a) console.log(`per item, WebWork node / HTTP Request same credential: ${report.a.ratioSame.toFixed(3)}, within-run median ${report.a.pairedRatioSame.toFixed(3)} (target <= 1.05)`);
	} finally {
		if (server) await server.stop();
		if (emulator) await emulator.close();
		h.killLiveChildren();
		if (process.env.BENCH_KEEP) console.log(`(kept ${tmp})`);
		else fs.rmSync(tmp, { recursive: true, force: true });
	}
}

for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => {
		h.killLiveChildren();
		process.exit(1);
	});
}

main().catch((error) => {
	console.error(error);
	h.killLiveChildren();
	process.exit(1);
});
