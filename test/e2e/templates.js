'use strict';
/**
 * The e-mail templates in examples/, run as a user runs them: imported and published in `n8n start`,
 * mails received by a real SMTP server (test/mail/server.js), links followed like a reviewer in a
 * browser would (n8n ignores link-preview bots, so a full browser User-Agent), and the outcome read
 * from the WebWork emulator.
 */
const fs = require('fs');
const path = require('path');
const { startMailServer } = require('../mail/server');

const ROOT = path.join(__dirname, '..', '..');
const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
const WORKSPACE_ID = '101';

function template(file) {
	return JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', file), 'utf8'));
}

/** The demo credentials the templates reference, pointing at this run's emulator and mail server. */
function demoCredentials(emulator, mail) {
	return [
		{ id: 'worktimeDemoWebWork', name: 'WebWork (demo)', type: 'webWorkApi', data: { accessToken: emulator.token, baseUrl: emulator.baseUrl } },
		{
			id: 'worktimeDemoSmtp',
			name: 'SMTP (demo)',
			type: 'smtp',
			data: { user: 'demo', password: 'demo', host: mail.host, port: mail.smtpPort, secure: false, disableStartTls: true },
		},
	];
}

/**
 * Follows a mail link as a reviewer's browser would: GET with a real browser User-Agent. The mail
 * leaves before n8n has put the execution to sleep; until then n8n answers 409 "running already"
 * (a person is never that fast), so that answer is retried for a few seconds.
 */
async function click(url, init = {}) {
	const deadline = Date.now() + 15_000;
	for (;;) {
		const response = await fetch(url, { ...init, headers: { 'User-Agent': BROWSER_UA, Accept: 'text/html' }, signal: AbortSignal.timeout(15_000) });
		const result = { status: response.status, text: await response.text() };
		if (result.status !== 409 || Date.now() > deadline) return result;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

/** Opens a free-text send-and-wait form (GET) and submits it like the page's own script (multipart POST). */
async function answerForm(url, text) {
	const page = await click(url);
	if (page.status !== 200) throw new Error(`the form page answered ${page.status}: ${page.text.slice(0, 200)}`);
	const form = new FormData();
	form.append('field-0', text);
	return click(url, { method: 'POST', body: form });
}

/**
 * Approve WebWork requests by e-mail, with three pending time requests created after publishing:
 * one approved, one rejected with a reason given in the follow-up form, one left alone until it
 * escalates to the second approver, who approves. Then: every request decided exactly once, the
 * requesters told, and a second click on a used link changes nothing.
 */
async function approvalsByEmailScenario(ctx) {
	const { importWorkflow, importCredentials, n8n, startServer, emulator, lib } = ctx;
	const { check, checkAsync, assert, show, note, freePort, n8nRest, cliOk, publicationStatus, waitFor } = lib;
	const mail = await startMailServer();
	let server = null;
	try {
		await importCredentials(demoCredentials(emulator, mail));
		const workflow = template('approve-webwork-requests-by-email.json');
		// Shorter waits than the template's day: the first approver's limit decides how long the
		// escalation takes here (n8n checks expired waits once a minute).
		const byName = Object.fromEntries(workflow.nodes.map((node) => [node.name, node]));
		byName['Ask Approver'].parameters.options.limitWaitTime.values = { limitType: 'afterTimeInterval', resumeAmount: 0.5, resumeUnit: 'minutes' };
		await importWorkflow(workflow);
		await cliOk(n8n, ['publish:workflow', `--id=${workflow.id}`]);

		server = await startServer(await freePort(), { N8N_WORKFLOW_PUBLICATION_RECONCILE_INTERVAL_SECONDS: '2' });
		const rest = n8nRest(server.baseUrl);
		await rest.signIn();
		await publicationStatus(rest, server, workflow.id, 'published');

		// Three new pending time requests (the activation poll has primed the trigger: older ones stay quiet).
		const contracts = (await emulator.get('/contracts', { workspace_id: WORKSPACE_ID, per_page: 3 })).data;
		const requests = [];
		for (const [index, contract] of contracts.slice(0, 3).entries()) {
			const day = new Date(Date.now() - (index + 1) * 86_400_000).toISOString().slice(0, 10);
			const created = await emulator.post('/time-requests', {
				workspace_id: Number(WORKSPACE_ID),
				user_id: contract.user_id,
				contract_id: contract.id,
				start: `${day} 09:00:00`,
				end: `${day} 11:30:00`,
				activity_description: `E2E request ${index + 1}`,
			});
			requests.push({ id: String(created.data.id), contract, email: contract.user_email, description: `E2E request ${index + 1}` });
		}
		const [toApprove, toReject, toEscalate] = requests;
		const mailFor = (request, to) => (message) => message.envelope.to.includes(to) && message.html.includes(request.id);
		const linkOf = (message, approved) => message.links.find((link) => link.includes('/webhook-waiting/') && link.includes(`approved=${approved}`));

		// 1. One approval mail per request, with who/what/when/amount.
		let asked = [];
		await checkAsync('the next poll sends one approval mail per new pending request, each with who, what, when and amount', async () => {
			asked = await mail.waitForMessages((m) => m.envelope.to.includes('approver@example.com') && /^Approve the time request/.test(m.subject), { count: 3, timeoutMs: 100_000 });
			assert(asked.length === 3, `${asked.length} approval mails: ${show(asked.map((m) => m.subject))}`);
			for (const request of requests) {
				const message = asked.find(mailFor(request, 'approver@example.com'));
				assert(message, `no approval mail for ${request.id}`);
				const name = `${request.contract.user_firstname} ${request.contract.user_lastname}`;
				for (const expected of [name, request.description, '09:00:00', '2.5 h']) {
					assert(message.text.includes(expected) || message.html.includes(expected), `the mail for ${request.id} lacks "${expected}": ${message.text.slice(0, 300)}`);
				}
				assert(linkOf(message, true) && linkOf(message, false), `the mail for ${request.id} lacks approve/reject links: ${show(message.links)}`);
			}
		});
		if (asked.length !== 3) return;

		// 2. Approve one; reject one and give the reason in the follow-up form.
		const approveMail = asked.find(mailFor(toApprove, 'approver@example.com'));
		const approved = await click(linkOf(approveMail, true));
		const rejected = await click(linkOf(asked.find(mailFor(toReject, 'approver@example.com')), false));
		check('clicking Approve and Reject in the mails is recorded', () => {
			assert(approved.status === 200 && rejected.status === 200, `answered ${approved.status} / ${rejected.status}`);
		});
		const reason = 'Please split the call into two entries';
		await checkAsync('Reject asks the reviewer for the reason by mail; the form takes it', async () => {
			const [reasonMail] = await mail.waitForMessages((m) => /^Why reject the time request/.test(m.subject), { timeoutMs: 30_000 });
			assert(reasonMail.envelope.to.includes('approver@example.com'), `the reason mail went to ${show(reasonMail.envelope.to)}`);
			const formLink = reasonMail.links.find((link) => link.includes('/webhook-waiting/'));
			const answered = await answerForm(formLink, reason);
			assert(answered.status === 200, `the form answered ${answered.status}: ${answered.text.slice(0, 200)}`);
		});

		// 3. Nobody answers the third: it escalates to the second approver, who approves.
		await checkAsync('an unanswered request escalates to the second approver, who approves it', async () => {
			const [escalation] = await mail.waitForMessages(mailFor(toEscalate, 'second.approver@example.com'), { timeoutMs: 150_000 });
			assert(/^Escalated: approve the time request/.test(escalation.subject), `subject "${escalation.subject}"`);
			const answer = await click(linkOf(escalation, true));
			assert(answer.status === 200, `answered ${answer.status}`);
		});

		// 4. What WebWork and the requesters see.
		const statusOf = async (request) => {
			const from = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
			const to = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
			const query = { workspace_id: WORKSPACE_ID, date_from: from, date_to: to, per_page: 100 };
			// The test shares the token (and so the 60/min limit) with the workflow: wait out a 429.
			const all = (await waitFor(() => emulator.get('/time-requests', query).catch((error) => (/ 429/.test(error.message) ? null : Promise.reject(error))), {
				timeoutMs: 30_000,
				intervalMs: 2000,
				message: 'the emulator to answer without 429',
			})).data;
			return all.find((r) => String(r.id) === request.id);
		};
		await checkAsync('WebWork: approved, rejected with the reviewer\'s reason, approved after escalation', async () => {
			await waitFor(async () => (await statusOf(toEscalate)).status !== 'pending' && (await statusOf(toReject)).status !== 'pending', {
				timeoutMs: 30_000,
				message: 'the decisions to reach the emulator',
			});
			const [a, r, e] = await Promise.all(requests.map(statusOf));
			assert(a.status === 'approved', `first: ${a.status}`);
			assert(r.status === 'rejected' && r.comment === reason, `second: ${r.status}, comment ${show(r.comment)}`);
			assert(e.status === 'approved', `third: ${e.status}`);
		});
		await checkAsync('each requester is told the outcome once (the rejection with its reason)', async () => {
			const told = await mail.waitForMessages((m) => /^Your time request was (approved|rejected)/.test(m.subject), { count: 3, timeoutMs: 30_000 });
			for (const [request, outcome] of [[toApprove, 'approved'], [toReject, 'rejected'], [toEscalate, 'approved']]) {
				const mine = told.filter((m) => m.envelope.to.includes(request.email) && m.html.includes(request.description));
				assert(mine.length === 1, `${request.email} got ${mine.length} outcome mails for ${request.id}`);
				assert(mine[0].subject === `Your time request was ${outcome}`, `${request.email}: "${mine[0].subject}"`);
				if (outcome === 'rejected') assert(mine[0].html.includes(reason), 'the rejection mail lacks the reason');
			}
		});

		// 5. Nothing twice: a used link changes nothing; no execution failed.
		const again = await click(linkOf(approveMail, false));
		await checkAsync('a second click on a used link is not a second decision; no execution failed', async () => {
			assert(again.status === 200 && !/Action recorded/i.test(again.text), `answered ${again.status}: ${again.text.slice(0, 120)}`);
			assert((await statusOf(toApprove)).status === 'approved', 'the first request changed after a second click');
			const filter = encodeURIComponent(JSON.stringify({ workflowId: workflow.id }));
			const list = (await rest.request('GET', `/executions?filter=${filter}&limit=100`)).results;
			const failed = list.filter((e) => ['error', 'crashed'].includes(e.status));
			assert(!failed.length, `failed executions: ${show(failed.map((e) => [e.id, e.status]))}`);
			note(`approval template: ${list.length} executions, ${mail.messages.length} mails`);
		});
	} finally {
		if (server) await server.stop();
		// Later scenarios share this n8n's database: leave nothing polling.
		await cliOk(n8n, ['unpublish:workflow', '--id=worktimeApproveByEmail']).catch(() => {});
		await mail.stop();
	}
}

/** Status, mode and error (node: message) of a workflow's executions, for failure messages. */
async function executionSummaries(rest, lib, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const list = (await rest.request('GET', `/executions?filter=${filter}&limit=20`)).results;
	const flatted = require(path.join(lib.nodeModules, 'flatted'));
	return Promise.all(
		list.map(async (execution) => {
			if (execution.status === 'success') return `${execution.id} ${execution.mode} success`;
			const data = await lib.executionDataOf(rest, flatted, execution.id);
			const error = data && data.resultData && data.resultData.error;
			return `${execution.id} ${execution.mode} ${execution.status}: ${error ? `${error.node ? error.node.name : '?'}: ${error.message} ${error.description || ''}` : 'no error'}`;
		}),
	);
}

/**
 * The other four templates in one running n8n: the weekly WeWorked summary run by hand (its Send Now
 * trigger, `n8n execute`), then the daily digest (its schedule set to every minute here), the
 * Worksible paid-invoice notice and the TeamWork Live welcome mail published, and each one made to
 * fire through its emulator.
 */
async function otherTemplatesScenario(ctx) {
	const { importWorkflow, importCredentials, executeWorkflow, n8n, startServer, emulator, lib } = ctx;
	const { check, checkAsync, assert, show, freePort, n8nRest, cliOk, publicationStatus, waitFor, startEmulator } = lib;
	const mail = await startMailServer();
	const weworked = await startEmulator(['--provider', 'weworked']);
	const worksible = await startEmulator(['--provider', 'worksible']);
	const twl = await startEmulator(['--provider', 'teamworklive']);
	let server = null;
	const published = [];
	try {
		await importCredentials([
			...demoCredentials(emulator, mail),
			{ id: 'worktimeDemoDigestSecret', name: 'Digest link secret (demo)', type: 'crypto', data: { hmacSecret: 'e2e-digest-secret' } },
			{ id: 'worktimeDemoWeWorked', name: 'WeWorked (demo)', type: 'weWorkedApi', data: { apiKey: weworked.apiKey, email: weworked.email, baseUrl: weworked.baseUrl } },
			{ id: 'worktimeDemoWorksible', name: 'Worksible (demo)', type: 'worksibleApi', data: { apiKey: worksible.apiKey, baseUrl: worksible.baseUrl } },
			{ id: 'worktimeDemoTeamWorkLive', name: 'TeamWork Live (demo)', type: 'teamWorkLiveApi', data: { baseUrl: twl.baseUrl, email: twl.email, apiKey: twl.apiKey } },
		]);

		// 1. Weekly WeWorked summary, run by hand.
		const weekly = template('weekly-weworked-summary.json');
		await importWorkflow(weekly);
		const { execution, result } = await executeWorkflow(weekly.id);
		await checkAsync('Weekly WeWorked summary: one mail with hours per project and per user, totals matching the report', async () => {
			assert(execution && execution.status === 'success', `execution ${execution ? execution.status : 'missing'}: ${result.stderr.slice(-300)}`);
			const range = execution.data.resultData.runData.Settings[0].data.main[0][0].json;
			const headers = { 'x-api-key': weworked.apiKey, 'x-ww-user': weworked.email };
			const lines = await (await fetch(`${weworked.baseUrl}/v1/reports/detailed?fromdate=${range.fromdate}&todate=${range.todate}&projects=all&users=all&taskstatus=all&timestatus=all&showzeros=0`, { headers })).json();
			const total = lines.reduce((sum, line) => sum + Number(line.hours), 0).toFixed(2);
			const [summary] = await mail.waitForMessages((m) => m.envelope.to.includes('team.leads@example.com'), { timeoutMs: 10_000 });
			assert(summary.subject === `Hours from ${range.fromdate} to ${range.todate}: ${total}`, `subject "${summary.subject}", report total ${total} over ${lines.length} lines`);
			if (lines.length) {
				assert(/Per project/.test(summary.html) && /Per user/.test(summary.html), 'the mail lacks its tables');
				for (const line of lines.slice(0, 3)) assert(summary.html.includes(line.project), `the mail lacks project "${line.project}"`);
			}
		});

		// 2. Publish the three triggered templates (the digest every minute, its links at this n8n).
		const port = await freePort();
		const digest = template('webwork-approvals-daily-digest.json');
		const digestNodes = Object.fromEntries(digest.nodes.map((node) => [node.name, node]));
		digestNodes['Weekday Mornings'].parameters.rule.interval[0].expression = '* * * * *';
		const decisionUrl = `http://127.0.0.1:${port}/webhook/worktime-digest-decision`;
		digestNodes.Settings.parameters.assignments.assignments.find((a) => a.name === 'decisionUrl').value = decisionUrl;
		for (const workflow of [digest, template('worksible-invoice-paid-notify.json'), template('teamworklive-new-client-welcome.json')]) {
			await importWorkflow(workflow);
			await cliOk(n8n, ['publish:workflow', `--id=${workflow.id}`]);
			published.push(workflow.id);
		}
		// A pending time request for the digest, created before the digest's first run.
		const [contract] = (await emulator.get('/contracts', { workspace_id: '101', per_page: 1 })).data;
		const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
		const created = await emulator.post('/time-requests', { workspace_id: 101, user_id: contract.user_id, contract_id: contract.id, start: `${day} 13:00:00`, end: `${day} 14:00:00`, activity_description: 'Digest e2e' });
		const requestId = String(created.data.id);

		server = await startServer(port, { N8N_WORKFLOW_PUBLICATION_RECONCILE_INTERVAL_SECONDS: '2' });
		const rest = n8nRest(server.baseUrl);
		await rest.signIn();
		for (const id of published) await publicationStatus(rest, server, id, 'published');

		// 3. Worksible: an open invoice becomes paid; TeamWork Live: a new client company.
		const wsHeaders = { Authorization: `Bearer ${worksible.apiKey}`, 'Content-Type': 'application/json' };
		const invoices = (await (await fetch(`${worksible.baseUrl}/invoices?limit=100`, { headers: wsHeaders })).json()).data;
		const unpaid = invoices.find((invoice) => invoice.status !== 'paid');
		const paid = await fetch(`${worksible.baseUrl}/invoices/${unpaid.id}`, {
			method: 'PATCH',
			headers: { ...wsHeaders, 'Idempotency-Key': `e2e-paid-${Date.now()}` },
			body: JSON.stringify({ status: 'paid' }),
		});
		const twlAuth = { Authorization: `Basic ${Buffer.from(`${twl.email}:${twl.apiKey}`).toString('base64')}`, 'Content-Type': 'application/json' };
		const company = await (await fetch(`${twl.baseUrl}/clientcompanies.json`, { method: 'POST', headers: twlAuth, body: JSON.stringify({ name: 'E2E Welcome Co' }) })).json();
		check('setup: invoice marked paid and client company created on the emulators', () => assert(paid.ok && company.id, `PATCH ${paid.status}, company ${show(company)}`));

		await checkAsync('Worksible invoice paid: finance gets exactly one mail for the invoice', async () => {
			const mails = await mail.waitForMessages((m) => m.envelope.to.includes('finance@example.com'), { timeoutMs: 90_000 });
			assert(mails.length === 1 && /was paid/.test(mails[0].subject), `${mails.length} mails: ${show(mails.map((m) => m.subject))}`);
			assert(mails[0].subject.includes(unpaid.number || unpaid.id), `subject "${mails[0].subject}" does not name ${unpaid.number || unpaid.id}`);
		});
		await checkAsync('TeamWork Live new client company: one welcome mail naming the company', async () => {
			const mails = await mail.waitForMessages((m) => /^Welcome aboard/.test(m.subject), { timeoutMs: 90_000 });
			assert(mails.length === 1 && mails[0].subject === 'Welcome aboard, E2E Welcome Co!', show(mails.map((m) => m.subject)));
		});

		// 4. The digest: one row per pending request, a link opens a confirmation, confirming decides.
		let digestMail = null;
		await checkAsync('Daily digest: one mail listing every pending request with an approve and a reject link each', async () => {
			[digestMail] = await mail.waitForMessages((m) => /approval\(s\) pending$/.test(m.subject), { timeoutMs: 90_000 }).catch(async (error) => {
				throw new Error(`${error.message}\nthe digest's executions: ${show(await executionSummaries(rest, lib, digest.id))}`);
			});
			const decisionLinks = digestMail.links.filter((link) => link.startsWith(decisionUrl));
			const ids = new Set(decisionLinks.map((link) => new URL(link).searchParams.get('id')));
			assert(ids.has(requestId), `no links for ${requestId}`);
			assert(decisionLinks.length === ids.size * 2, `${decisionLinks.length} links for ${ids.size} requests`);
		});
		if (!digestMail) return;
		const linkFor = (id, decision) =>
			digestMail.links.find((link) => link.startsWith(decisionUrl) && new URL(link).searchParams.get('id') === id && new URL(link).searchParams.get('decision') === decision);
		const statusOf = async (id) => {
			const list = await waitFor(
				() => emulator.get('/time-requests', { workspace_id: '101', date_from: day, date_to: day, per_page: 100 }).catch((error) => (/ 429/.test(error.message) ? null : Promise.reject(error))),
				{ timeoutMs: 30_000, intervalMs: 2000, message: 'the emulator to answer without 429' },
			);
			return list.data.find((r) => String(r.id) === id);
		};
		await checkAsync('a digest link opens a confirmation page and decides nothing; a changed link is refused', async () => {
			const page = await click(linkFor(requestId, 'reject'));
			assert(page.status === 200 && /<form method="post"/.test(page.text) && /name="reason"/.test(page.text), `answered ${page.status}: ${page.text.slice(0, 200)}`);
			assert((await statusOf(requestId)).status === 'pending', 'opening the link changed the request');
			const forged = linkFor(requestId, 'reject').replace('decision=reject', 'decision=approve');
			const refused = await click(forged);
			assert(refused.status === 403, `a changed link answered ${refused.status}`);
		});
		await checkAsync('confirming the rejection with a reason rejects the request in WebWork with that reason, once', async () => {
			const page = await click(linkFor(requestId, 'reject'));
			const fields = Object.fromEntries([...page.text.matchAll(/name="(\w+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
			const body = new URLSearchParams({ ...fields, reason: 'Not billable' });
			const confirm = await click(decisionUrl, { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
			assert(confirm.status === 200 && /Recorded: rejected/.test(confirm.text), `answered ${confirm.status}: ${confirm.text.slice(0, 200)}`);
			const request = await statusOf(requestId);
			assert(request.status === 'rejected' && request.comment === 'Not billable', `${request.status}, comment ${show(request.comment)}`);
			const again = await click(decisionUrl, { method: 'POST', body: new URLSearchParams({ ...fields, decision: 'reject' }), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
			assert(again.status === 409 && /Not recorded/.test(again.text), `a second confirmation answered ${again.status}: ${again.text.slice(0, 200)}`);
		});
	} finally {
		if (server) await server.stop();
		for (const id of published) await cliOk(n8n, ['unpublish:workflow', `--id=${id}`]).catch(() => {});
		await mail.stop();
		await Promise.all([weworked.stop(), worksible.stop(), twl.stop()]);
	}
}

module.exports = { approvalsByEmailScenario, otherTemplatesScenario, demoCredentials, template, click, answerForm, BROWSER_UA };
