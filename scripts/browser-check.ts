/**
 * `npm run check:browser`: the two pages a person uses, in a real browser. Starts the built gateway
 * in sandbox mode on a free loopback port and drives headless Chromium over the DevTools protocol:
 *
 * - /docs: Swagger UI lists every operation of /docs-json, and "Try it out" → "Execute" on
 *   `GET /v1/connections` answers 200 with the sandbox's connections;
 * - /graphiql: the default query runs and answers data, and a `subscription { eventReceived … }`
 *   receives the event of a message the simulated Maxbot reports (its webhook to the gateway);
 * - the same against a gateway that needs API keys (one Maxbot connection to a simulator of the
 *   script's own): "Execute" is refused 401 until the key is given in Swagger UI's "Authorize"
 *   dialog; GraphiQL, with the key in its Headers tab, runs the query and the subscription (the key
 *   then goes in `connection_init`), the event coming from a Maxbot webhook call;
 * - on both pages: no script error, no console error, no resource failing to load or answering 4xx/5xx.
 *
 * Not part of `npm test`: it needs a Chromium (Debian: `apt-get install chromium`; or set CHROMIUM to
 * its path), which CI machines do not have. Without one it says so and exits 2. Screenshots of each
 * page go to a temporary directory, printed at the end. Every wait is bounded.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { MESSAGE_RECEIVED } from '../src/platforms/maxbot/webhooks.examples';
import { MaxbotSimulator } from '../src/sandbox/maxbot/maxbot.simulator';

const WAIT_MS = 20_000;

function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM, 'chromium', 'chromium-browser', 'google-chrome'].filter(Boolean) as string[];
  return candidates.find((c) => spawnSync(c, ['--version'], { stdio: 'ignore' }).status === 0);
}

/** Starts a child and resolves with the first stdout/stderr line `pick` accepts. */
function startUntil<T>(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  pick: (line: string) => T | undefined,
): Promise<[ChildProcess, T]> {
  const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let seen = '';
  let partial = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${cmd} did not start in ${WAIT_MS} ms:\n${seen.slice(-2000)}`)), WAIT_MS);
    const onData = (d: Buffer) => {
      seen += d.toString();
      // Whole lines only, each once (stdout and stderr interleave, but each writes whole lines here).
      const lines = (partial + d.toString()).split('\n');
      partial = lines.pop()!;
      for (const line of lines) {
        const found = pick(line);
        if (found !== undefined) {
          clearTimeout(timer);
          child.stdout.removeListener('data', onData);
          child.stderr.removeListener('data', onData);
          child.stdout.resume();
          child.stderr.resume();
          resolve([child, found]);
          return;
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${cmd} exited ${code}:\n${seen.slice(-2000)}`)));
  });
}

interface Gateway {
  url: string;
  maxbotSimulator: string;
}

function gatewayLine(line: string): Partial<Gateway> | undefined {
  if (!line.startsWith('{')) return undefined;
  const parsed = JSON.parse(line) as { msg?: string; url?: string; simulators?: Record<string, string> };
  if (parsed.simulators) return { maxbotSimulator: parsed.simulators.maxbot };
  if (parsed.msg === 'Ponte listening') return { url: parsed.url };
  return undefined;
}

/** One page over the DevTools protocol: commands, and what the page reports as going wrong. */
class Page {
  private nextId = 0;
  private readonly pending = new Map<number, (message: { result?: unknown; error?: unknown }) => void>();
  readonly problems: string[] = [];

  constructor(private readonly socket: WebSocket) {
    socket.on('message', (raw: Buffer) => {
      const message = JSON.parse(raw.toString()) as {
        id?: number;
        method?: string;
        params?: Record<string, unknown>;
        result?: unknown;
        error?: unknown;
      };
      if (message.id !== undefined) {
        this.pending.get(message.id)?.(message);
        this.pending.delete(message.id);
      } else this.observe(message.method ?? '', message.params ?? {});
    });
  }

  private observe(method: string, params: Record<string, unknown>): void {
    if (method === 'Runtime.exceptionThrown') this.problems.push(`script error: ${JSON.stringify(params.exceptionDetails).slice(0, 500)}`);
    if (method === 'Runtime.consoleAPICalled' && params.type === 'error') {
      this.problems.push(`console.error: ${JSON.stringify(params.args).slice(0, 500)}`);
    }
    if (method === 'Network.responseReceived') {
      // A page's resources (documents, scripts, styles, icons) must load; API calls (fetch, XHR) answer
      // whatever they answer, and each check reads the answers it expects.
      const response = params.response as { status: number; url: string };
      if (response.status >= 400 && params.type !== 'Fetch' && params.type !== 'XHR') {
        this.problems.push(`${response.status} loading ${response.url}`);
      }
    }
    if (method === 'Network.loadingFailed' && !params.canceled) this.problems.push(`failed load: ${params.errorText as string}`);
  }

  send<T = unknown>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (message) =>
        message.error ? reject(new Error(`${method}: ${JSON.stringify(message.error)}`)) : resolve(message.result as T),
      );
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Evaluates `expression` in the page (awaiting a promise) and returns its JSON value. */
  async evaluate<T>(expression: string): Promise<T> {
    const result = await this.send<{ result: { value: T }; exceptionDetails?: unknown }>('Runtime.evaluate', {
      expression,
      awaitPromise: true,
      returnByValue: true,
    });
    if (result.exceptionDetails) throw new Error(`in the page: ${JSON.stringify(result.exceptionDetails).slice(0, 500)}`);
    return result.result.value;
  }

  /** Polls `expression` until it is truthy; fails naming `what` after WAIT_MS. */
  async waitFor<T>(expression: string, what: string): Promise<T> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const value = await this.evaluate<T>(expression);
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async open(url: string): Promise<void> {
    this.problems.length = 0;
    await this.send('Page.navigate', { url });
    await this.waitFor('document.readyState === "complete"', `${url} to load`);
  }

  async screenshot(file: string): Promise<void> {
    const shot = await this.send<{ data: string }>('Page.captureScreenshot', { format: 'png' });
    writeFileSync(file, Buffer.from(shot.data, 'base64'));
  }
}

/** GET /v1/connections' operation block on the Swagger UI page. */
const CONNECTIONS_BLOCK = `[...document.querySelectorAll('.opblock-get')].find((b) => b.querySelector('.opblock-summary-path')?.getAttribute('data-path') === '/v1/connections')`;

/** "Try it out" → "Execute" on GET /v1/connections, as a person clicks it: the live answer's status and text. */
async function executeListConnections(page: Page): Promise<{ status: string; body: string }> {
  const block = CONNECTIONS_BLOCK;
  const control = `${block}.querySelector('.opblock-summary-control')`;
  await page.evaluate(`void (${control}.getAttribute('aria-expanded') === 'true' || ${control}.click())`);
  await page.waitFor(`!!${block}.querySelector('.try-out__btn')`, 'the "Try it out" button of GET /v1/connections');
  // The page opens operations in try-out mode already (tryItOutEnabled); a person on a page without it clicks first.
  await page.evaluate(`void (${block}.querySelector('.execute') || ${block}.querySelector('.try-out__btn').click())`);
  await page.waitFor(`!!${block}.querySelector('.execute')`, 'the "Execute" button');
  // A previous answer is cleared first, so the one read below is this execution's.
  await page.evaluate(`void ${block}.querySelector('.btn-clear')?.click()`);
  await page.waitFor(`!${block}.querySelector('.live-responses-table .response')`, 'the previous answer to be cleared');
  await page.evaluate(`${block}.querySelector('.execute').click()`);
  return page.waitFor<{ status: string; body: string }>(
    `(() => { const row = ${block}.querySelector('.live-responses-table .response'); return row && { status: row.querySelector('.response-col_status').innerText.trim(), body: row.innerText }; })()`,
    'the live response of GET /v1/connections',
  );
}

function expectAnswer(answer: { status: string; body: string }, status: string, contains: string, when: string): void {
  if (answer.status !== status || !answer.body.includes(contains)) {
    throw new Error(`Swagger UI "Execute" of GET /v1/connections ${when} answered ${answer.status}: ${answer.body.slice(0, 500)}`);
  }
}

/**
 * /docs lists every operation of /docs-json and executes GET /v1/connections. With `apiKey` (a
 * gateway that needs one): first refused with a 401 problem, then, the key typed into the
 * "Authorize" dialog, answered.
 */
async function checkDocs(page: Page, url: string, shots: string, apiKey?: string): Promise<string> {
  const spec = (await (await fetch(`${url}/docs-json`)).json()) as { paths: Record<string, Record<string, unknown>> };
  const operations = Object.values(spec.paths).reduce((n, methods) => n + Object.keys(methods).length, 0);
  await page.open(`${url}/docs`);
  const shown = await page.waitFor<number>(
    `document.querySelectorAll('.opblock').length >= ${operations} && document.querySelectorAll('.opblock').length`,
    `Swagger UI to list the ${operations} operations of /docs-json`,
  );
  if (apiKey === undefined) {
    expectAnswer(await executeListConnections(page), '200', '"maxbot"', 'in sandbox mode');
    await page.screenshot(join(shots, 'docs.png'));
    return `/docs: Swagger UI lists ${shown} operations (/docs-json has ${operations}); "Execute" on GET /v1/connections answered 200 with the sandbox's connections`;
  }
  expectAnswer(await executeListConnections(page), '401', '"unauthorized"', 'before "Authorize"');
  await page.evaluate(`document.querySelector('.auth-wrapper .authorize').click()`);
  await page.waitFor(`!!document.querySelector('.modal-ux input')`, 'the "Authorize" dialog');
  await page.evaluate(`document.querySelector('.modal-ux input').focus()`);
  await page.send('Input.insertText', { text: apiKey });
  await page.evaluate(`document.querySelector('.modal-ux .auth-btn-wrapper .authorize').click()`);
  await page.waitFor(`!!document.querySelector('.modal-ux .auth-btn-wrapper .btn-done')`, 'the dialog to accept the key');
  await page.evaluate(`document.querySelector('.modal-ux .auth-btn-wrapper .btn-done').click()`);
  await page.waitFor(`!document.querySelector('.modal-ux')`, 'the "Authorize" dialog to close');
  expectAnswer(await executeListConnections(page), '200', '"maxbot"', 'after "Authorize"');
  await page.screenshot(join(shots, 'docs-authorized.png'));
  return '/docs with API keys: "Execute" on GET /v1/connections answered 401 unauthorized, then 200 once the key was given in "Authorize"';
}

/**
 * /graphiql runs its default query, then a subscription typed into it receives the event `emit`
 * causes (a message whose text is the one given). With `apiKey`: typed into the Headers tab first,
 * which GraphiQL sends as a header over HTTP and in `connection_init` over the WebSocket.
 */
async function checkGraphiql(
  page: Page,
  url: string,
  shots: string,
  emit: (text: string) => Promise<void>,
  apiKey?: string,
): Promise<string[]> {
  const label = apiKey === undefined ? '/graphiql' : '/graphiql with API keys (Headers tab)';
  await page.open(`${url}/graphiql`);
  await page.waitFor(`!!document.querySelector('.graphiql-execute-button')`, 'GraphiQL to render');
  // GraphiQL parses an editor's text after a change (debounced): wait as a person typing would.
  const settle = () => new Promise((r) => setTimeout(r, 1500));
  if (apiKey !== undefined) {
    await page.evaluate(
      `[...document.querySelectorAll('.graphiql-editor-tools button')].find((b) => b.innerText.trim() === 'Headers').click()`,
    );
    await page.waitFor(`!!document.querySelector('.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror')`, 'the Headers editor');
    await page.evaluate(
      `document.querySelector('.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror').CodeMirror.setValue(${JSON.stringify(
        JSON.stringify({ Authorization: `Bearer ${apiKey}` }),
      )})`,
    );
    await settle();
  }
  const response = `document.querySelector('.graphiql-response')?.innerText ?? ''`;
  await page.evaluate(`document.querySelector('.graphiql-execute-button').click()`);
  const data = await page.waitFor<string>(
    `(() => { const t = ${response}; return (t.includes('"connections"') || t.includes('"errors"')) && t; })()`,
    'the default query to answer',
  );
  if (data.includes('"errors"')) throw new Error(`GraphiQL's default query answered errors: ${data.slice(0, 500)}`);
  await page.screenshot(join(shots, `graphiql-query${apiKey === undefined ? '' : '-key'}.png`));

  await page.evaluate(
    `document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue('subscription { eventReceived(type: MESSAGE_RECEIVED) { id type connectionId message { text } } }')`,
  );
  await settle();
  await page.evaluate(`document.querySelector('.graphiql-execute-button').click()`);
  await settle(); // the WebSocket's connection_init and subscribe
  const text = `Browser check ${Date.now()}`;
  await emit(text);
  const event = await page.waitFor<string>(
    `(() => { const t = ${response}; return (t.includes(${JSON.stringify(text)}) || t.includes('"errors"')) && t; })()`,
    'the subscription to deliver the event',
  );
  await page.screenshot(join(shots, `graphiql-subscription${apiKey === undefined ? '' : '-key'}.png`));
  if (!event.includes('MESSAGE_RECEIVED') || event.includes('"errors"'))
    throw new Error(`the subscription answered: ${event.slice(0, 500)}`);
  return [
    `${label}: the default query answered data`,
    `${label}: a subscription over the WebSocket received the message.received event of a ${apiKey === undefined ? 'simulated inbound message' : 'Maxbot webhook call'}`,
  ];
}

/**
 * A gateway that needs API keys: one Maxbot connection to a simulator of its own (the script's
 * process) and one key. Its webhooks are posted by the script, as Maxbot would.
 */
async function startKeyedGateway(
  dir: string,
): Promise<{ child: ChildProcess; url: string; apiKey: string; emit: (text: string) => Promise<void>; sim: MaxbotSimulator }> {
  const sim = new MaxbotSimulator({ token: `mxb-${randomUUID()}` });
  await sim.start();
  const apiKey = `browser-check-${randomUUID()}`;
  const webhookSecret = `whsec-${randomUUID()}`;
  const file = join(dir, 'connections.json');
  writeFileSync(
    file,
    JSON.stringify({
      connections: [{ id: 'maxbot', provider: 'maxbot', baseUrl: sim.endpoint, token: sim.token, webhookSecret }],
      apiKeys: [{ name: 'browser-check', key: apiKey }],
    }),
  );
  const [child, url] = await startUntil(
    process.execPath,
    [join(__dirname, '../src/main.js')],
    { ...process.env, CONNECTIONS_FILE: file, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
    (line) => gatewayLine(line)?.url,
  );
  let sent = 0;
  const emit = async (text: string) => {
    const answer = await fetch(`${url}/v1/webhooks/maxbot?secret=${webhookSecret}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...MESSAGE_RECEIVED, msg_id: `BROWSERCHECK${++sent}`, msg: text }),
    });
    if (!answer.ok) throw new Error(`the gateway refused the webhook call: ${answer.status}`);
  };
  return { child, url, apiKey, emit, sim };
}

/** Ends a child (SIGTERM, then SIGKILL after 3 s) and waits for it to be gone. */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function main(): Promise<number> {
  const chromium = findChromium();
  if (!chromium) {
    process.stderr.write('check:browser needs Chromium: apt-get install chromium (Debian), or set CHROMIUM to its path.\n');
    return 2;
  }
  const profile = mkdtempSync(join(tmpdir(), 'ponte-browser-'));
  const shots = mkdtempSync(join(tmpdir(), 'ponte-browser-shots-'));
  const children: ChildProcess[] = [];
  const simulators: MaxbotSimulator[] = [];
  try {
    const found: Partial<Gateway> = {};
    const [gatewayProcess] = await startUntil(
      process.execPath,
      [join(__dirname, '../src/main.js')],
      { ...process.env, CONNECTIONS_FILE: '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
      (line) => {
        Object.assign(found, gatewayLine(line));
        return found.url && found.maxbotSimulator ? true : undefined;
      },
    );
    children.push(gatewayProcess);
    const gateway = found as Gateway;

    const [browser, endpoint] = await startUntil(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        `--user-data-dir=${profile}`,
        '--remote-debugging-port=0',
        '--window-size=1400,1000',
        'about:blank',
      ],
      process.env,
      (line) => /DevTools listening on (ws:\/\/\S+)/.exec(line)?.[1],
    );
    children.push(browser);
    const targets = (await (await fetch(`http://${new URL(endpoint).host}/json`)).json()) as {
      type: string;
      webSocketDebuggerUrl: string;
    }[];
    const socket = new WebSocket(targets.find((t) => t.type === 'page')!.webSocketDebuggerUrl, { perMessageDeflate: false });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const page = new Page(socket);
    for (const domain of ['Runtime', 'Network', 'Page']) await page.send(`${domain}.enable`);

    const passed: string[] = [];
    const run = async (check: () => Promise<string | string[]>) => {
      const lines = [await check()].flat();
      if (page.problems.length > 0) throw new Error(`the page reported:\n  ${page.problems.join('\n  ')}`);
      passed.push(...lines);
    };
    const inbound = async (text: string) => {
      const answer = await fetch(`${gateway.maxbotSimulator}/sandbox/inbound-message`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ whatsapp: '5531911112222', text }),
      });
      if (!answer.ok) throw new Error(`the Maxbot simulator refused the inbound message: ${answer.status}`);
    };
    await run(() => checkDocs(page, gateway.url, shots));
    await run(() => checkGraphiql(page, gateway.url, shots, inbound));

    const keyed = await startKeyedGateway(profile);
    children.push(keyed.child);
    simulators.push(keyed.sim);
    await run(() => checkDocs(page, keyed.url, shots, keyed.apiKey));
    await run(() => checkGraphiql(page, keyed.url, shots, keyed.emit, keyed.apiKey));
    socket.close();
    process.stdout.write(`${passed.map((l) => `ok  ${l}`).join('\n')}\nscreenshots: ${shots}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`check:browser failed: ${(err as Error).message}\nscreenshots so far: ${shots}\n`);
    return 1;
  } finally {
    await Promise.all([...children.map(stop), ...simulators.map((sim) => sim.stop())]);
    // Chromium's helper processes may still be writing the profile for a moment after it exits.
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}

void main().then((code) => process.exit(code));
