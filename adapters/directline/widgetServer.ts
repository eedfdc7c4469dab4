import type { Server } from 'restify';
import { jsonLogger, type Logger } from '../../bots/log';
import { createRenderer } from '../../bots/renderMessages';
import { ConfigError, loadConfig, type Config } from '../../config';
import { createI18n, langFromLocale } from '../../locales/i18n';
import { createHttpServer, listen } from '../httpServer';
import { mountDirectLine, type DirectLine } from './mountDirectLine';
import { mountWebWidget } from './mountWebWidget';
import { connectorUrl, remoteBotConfig } from './remoteBot';

export interface WidgetServer {
  server: Server;
  url: string;
  /** Where the bot sends its replies (the connector of this server). */
  serviceUrl: string;
  directLine: DirectLine;
  close(): Promise<void>;
}

/**
 * The web widget alone, in front of a bot in another process (`npm run widget`): the
 * pages, the Direct Line endpoint and the connector the bot replies to. No database and
 * no bot here: the bot's process holds the conversations' state and the requests.
 */
export async function createWidgetServer(opts: { config?: Config; log?: Logger } = {}): Promise<WidgetServer> {
  const config = opts.config ?? loadConfig();
  const log = opts.log ?? jsonLogger;
  if (!config.DIRECTLINE_BOT_URL) {
    throw new ConfigError('Invalid configuration:\n  DIRECTLINE_BOT_URL: required by the widget alone (the messaging endpoint of the bot, e.g. http://bot.internal:3978/api/messages)');
  }
  const render = createRenderer(createI18n());
  const server = createHttpServer(config, log);
  let url = '';
  const remote = remoteBotConfig(config, () => url)!;
  const directLine = mountDirectLine(server, {
    config,
    log,
    remote,
    botUnavailable: (locale) => render({ key: 'errors.tryAgain' }, langFromLocale(locale)),
  });
  mountWebWidget(server, { directLine, config, log });
  // Up means able to take conversations; whether the bot is, each turn tells (and apologises when not).
  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok', bot: new URL(config.DIRECTLINE_BOT_URL!).origin });
  });
  try {
    url = await listen(server, config);
  } catch (err) {
    directLine.close();
    throw err;
  }
  return {
    server,
    url,
    serviceUrl: connectorUrl(remote.origin()),
    directLine,
    async close() {
      directLine.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
