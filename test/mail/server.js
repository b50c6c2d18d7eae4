'use strict';
/**
 * A real SMTP server for the approval templates (e2e and `npm start`): `smtp-server` receives what
 * n8n's Send Email node sends, `mailparser` decodes it (n8n's mails are quoted-printable HTML, so links
 * are only usable after parsing), and a small web view lists the mails and shows each one as sent.
 *
 *   const mail = await startMailServer({ smtpPort: 0, httpPort: 0 });
 *   mail.smtpPort, mail.webUrl, mail.messages, await mail.waitForMessages((m) => ..., { count, timeoutMs })
 *
 * Any login is accepted and no TLS is offered: point n8n's SMTP credential at it with
 * {host: '127.0.0.1', port, secure: false, disableStartTls: true}.
 */
const http = require('http');
const { SMTPServer } = require('smtp-server');
const { simpleParser } = require('mailparser');

const escapeHtml = (text) =>
	String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** Every href of an HTML mail, decoded (&amp; → &). */
function linksOf(html) {
	const links = [];
	for (const match of String(html || '').matchAll(/href\s*=\s*"([^"]*)"/gi)) links.push(match[1].replace(/&amp;/g, '&'));
	return links;
}

function listen(server, port, host) {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve(server.address().port);
		});
	});
}

async function startMailServer({ smtpPort = 0, httpPort = 0, host = '127.0.0.1' } = {}) {
	const messages = [];
	const waiters = new Set();
	const notify = () => {
		for (const waiter of waiters) waiter();
	};

	const smtp = new SMTPServer({
		authOptional: true,
		allowInsecureAuth: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onAuth(auth, session, callback) {
			callback(null, { user: auth.username || 'anyone' });
		},
		onData(stream, session, callback) {
			simpleParser(stream)
				.then((parsed) => {
					const html = parsed.html || '';
					messages.push({
						id: messages.length + 1,
						receivedAt: new Date().toISOString(),
						envelope: { from: session.envelope.mailFrom && session.envelope.mailFrom.address, to: session.envelope.rcptTo.map((r) => r.address) },
						from: parsed.from ? parsed.from.text : '',
						to: parsed.to ? [].concat(parsed.to).map((a) => a.text).join(', ') : '',
						subject: parsed.subject || '',
						html,
						text: parsed.text || '',
						links: linksOf(html),
					});
					notify();
					callback();
				})
				.catch(callback);
		},
	});
	const boundSmtpPort = await listen(smtp.server, smtpPort, host);

	const web = http.createServer((req, res) => {
		const url = new URL(req.url, 'http://localhost');
		const send = (status, type, body) => {
			res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
			res.end(body);
		};
		if (url.pathname === '/api/messages') return send(200, 'application/json', JSON.stringify(messages));
		const one = /^\/messages\/(\d+)$/.exec(url.pathname);
		if (one) {
			const message = messages[Number(one[1]) - 1];
			if (!message) return send(404, 'text/plain', 'No such mail');
			return send(200, 'text/html; charset=utf-8', message.html || `<pre>${escapeHtml(message.text)}</pre>`);
		}
		if (url.pathname !== '/') return send(404, 'text/plain', 'Not found');
		const rows = messages
			.slice()
			.reverse()
			.map((m) => `<tr><td>${escapeHtml(m.receivedAt.slice(11, 19))}</td><td>${escapeHtml(m.to)}</td><td><a href="/messages/${m.id}" target="mail">${escapeHtml(m.subject)}</a></td></tr>`)
			.join('');
		send(
			200,
			'text/html; charset=utf-8',
			`<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="5"><title>Mail (${messages.length})</title>
<style>body{font:14px system-ui,sans-serif;margin:0;display:flex;height:100vh}section{width:45%;overflow:auto;padding:8px}iframe{flex:1;border:0;border-left:1px solid #ccc}td{padding:4px 8px;border-bottom:1px solid #eee}</style>
<section><h3>Received mail (${messages.length})</h3><table>${rows || '<tr><td>Nothing yet.</td></tr>'}</table></section><iframe name="mail"></iframe>`,
		);
	});
	const boundHttpPort = await listen(web, httpPort, host);

	/** Resolves with the mails matching `filter` once there are at least `count` of them. */
	function waitForMessages(filter = () => true, { count = 1, timeoutMs = 30_000 } = {}) {
		return new Promise((resolve, reject) => {
			const check = () => {
				const found = messages.filter(filter);
				if (found.length < count) return false;
				done();
				resolve(found);
				return true;
			};
			const timer = setTimeout(() => {
				done();
				reject(new Error(`timed out after ${timeoutMs / 1000}s waiting for ${count} mail(s); received: ${JSON.stringify(messages.map((m) => `${m.to}: ${m.subject}`))}`));
			}, timeoutMs);
			const done = () => {
				clearTimeout(timer);
				waiters.delete(check);
			};
			waiters.add(check);
			check();
		});
	}

	async function stop() {
		await new Promise((resolve) => smtp.close(resolve));
		await new Promise((resolve) => web.close(resolve));
	}

	return { host, smtpPort: boundSmtpPort, httpPort: boundHttpPort, webUrl: `http://${host}:${boundHttpPort}/`, messages, waitForMessages, stop };
}

module.exports = { startMailServer, linksOf };

// `node test/mail/server.js [--smtp-port N] [--http-port N]`: prints one JSON line, runs until SIGTERM.
if (require.main === module) {
	const arg = (name, fallback) => {
		const index = process.argv.indexOf(name);
		return index > 0 ? Number(process.argv[index + 1]) : fallback;
	};
	startMailServer({ smtpPort: arg('--smtp-port', 2525), httpPort: arg('--http-port', 8025) }).then((mail) => {
		console.log(JSON.stringify({ smtpHost: mail.host, smtpPort: mail.smtpPort, webUrl: mail.webUrl }));
		const shutdown = () => mail.stop().then(() => process.exit(0));
		process.on('SIGTERM', shutdown);
		process.on('SIGINT', shutdown);
	});
}
