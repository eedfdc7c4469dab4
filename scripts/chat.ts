import crypto from 'node:crypto';
import readline from 'node:readline';
import { loadConfig } from '../config';
import { silentLogger } from '../bots/log';
import type { App } from '../index';

/**
 * `npm run chat [-- --lang en] [--url http://127.0.0.1:3978]`: a terminal conversation
 * with the same bot, over the Bot Framework protocol (expectReplies, so replies come
 * back in the HTTP response). Uses the running server if there is one, otherwise
 * starts one in this process.
 */
interface ReplyActivity {
  type: string;
  text?: string;
  suggestedActions?: { actions: { title?: string; value?: unknown }[] };
}

function parseArgs(argv: string[]): { lang: 'fr' | 'en'; url: string | null } {
  let lang: 'fr' | 'en' = 'fr';
  let url: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--lang' && (argv[i + 1] === 'en' || argv[i + 1] === 'fr')) lang = argv[++i] as 'fr' | 'en';
    else if (argv[i] === '--url' && argv[i + 1]) url = argv[++i]!;
    else if (argv[i] === '--help' || argv[i] === '-h') {
      console.log('Usage: npm run chat [-- --lang fr|en] [--url http://127.0.0.1:3978]');
      process.exit(0);
    }
  }
  return { lang, url };
}

async function isUp(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1500) });
    return res.ok;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  let url = args.url ?? `http://127.0.0.1:${config.PORT}`;
  let app: App | null = null;
  if (!(await isUp(url))) {
    if (args.url) throw new Error(`No Binôme server answers at ${args.url}.`);
    const { createApp } = await import('../index');
    app = await createApp({ config: { ...config, PORT: 0, HOST: '127.0.0.1' }, log: silentLogger });
    url = app.url;
  }
  const conversationId = `cli-${crypto.randomUUID()}`;
  const userId = `cli-user-${crypto.randomUUID()}`;
  const locale = args.lang === 'en' ? 'en-US' : 'fr-FR';

  const send = async (activity: Record<string, unknown>): Promise<ReplyActivity[]> => {
    const res = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        channelId: 'binome-cli',
        serviceUrl: url,
        conversation: { id: conversationId },
        from: { id: userId, role: 'user' },
        recipient: { id: 'binome', role: 'bot' },
        locale,
        deliveryMode: 'expectReplies',
        id: crypto.randomUUID(),
        timestamp: new Date().toISOString(),
        ...activity,
      }),
    });
    if (!res.ok) throw new Error(`the server answered HTTP ${res.status}`);
    const body = (await res.json().catch(() => ({}))) as { activities?: ReplyActivity[] };
    return body.activities ?? [];
  };

  // Colours only on a terminal: piped output (logs, tests) stays plain text.
  const paint = (code: string, s: string) => (process.stdout.isTTY ? `\x1b[${code}m${s}\x1b[0m` : s);
  const print = (activities: ReplyActivity[]) => {
    for (const a of activities) {
      if (a.type !== 'message') continue;
      if (a.text) console.log(`\n${paint('36', 'Binôme')}  ${a.text.replace(/\n/g, '\n        ')}`);
      const actions = a.suggestedActions?.actions ?? [];
      if (actions.length > 0) console.log(`        ${paint('2', `› ${actions.map((x) => x.title ?? String(x.value)).join('  |  ')}`)}`);
    }
  };

  console.log(args.lang === 'en' ? '(Type your answers; Ctrl-D or /quit to leave.)' : '(Écris tes réponses ; Ctrl-D ou /quit pour quitter.)');
  print(await send({ type: 'conversationUpdate', membersAdded: [{ id: userId }], text: undefined }));

  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, prompt: `\n${paint('33', args.lang === 'en' ? 'You' : 'Toi')}     ` });
  rl.prompt();
  // Lines are sent one after the other even when pasted at once.
  let queue = Promise.resolve();
  rl.on('line', (line) => {
    queue = queue.then(async () => {
      if (line.trim() === '/quit') return rl.close();
      try {
        print(await send({ type: 'message', text: line }));
      } catch (err) {
        console.log(`\n(${err instanceof Error ? err.message : String(err)})`);
      }
      rl.prompt();
    });
  });
  rl.on('close', () => {
    void queue.then(async () => {
      await app?.close();
      process.exit(0);
    });
  });
}

main().catch((err) => {
  console.error(`chat: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
