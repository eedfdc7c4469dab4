import { createWidgetServer } from '../adapters/directline/widgetServer';

/**
 * `npm run widget`: the web widget alone, for a bot running elsewhere
 * (DIRECTLINE_BOT_URL and BOT_CHANNEL_SECRET; the bot's process has the same secret).
 */
async function main(): Promise<void> {
  const app = await createWidgetServer();
  console.log(`Binôme's web widget is running on ${app.url}/ (embed: <script src="${app.url}/widget.js" data-lang="fr" async></script>).`);
  console.log(`  Conversations go to the bot at DIRECTLINE_BOT_URL; it replies to ${app.serviceUrl}.`);
  const stop = async () => {
    await app.close().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  console.error(`The widget could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
