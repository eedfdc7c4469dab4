import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type { Config } from '../../config';
import { ChannelSecretAuthentication, ChannelTokens } from './channelAuth';

export interface BotFrameworkSetup {
  adapter: CloudAdapter;
  /** Set when BOT_CHANNEL_SECRET is: a Direct Line endpoint in another process may call the bot with it. */
  channel?: ChannelSecretAuthentication;
}

/**
 * The Bot Framework adapter for the configured credentials: Azure's (MicrosoftAppId), the
 * channel secret shared with a Direct Line endpoint in another process, both, or none
 * (then unauthenticated, loopback only).
 */
export function createBotFrameworkSetup(config: Config): BotFrameworkSetup {
  const authenticated = !!config.MicrosoftAppId;
  const azure = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppType ?? (authenticated ? 'MultiTenant' : ''),
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
  } as ConfigurationBotFrameworkAuthenticationOptions);
  if (!config.BOT_CHANNEL_SECRET) return { adapter: new CloudAdapter(azure) };
  const channel = new ChannelSecretAuthentication(new ChannelTokens(config.BOT_CHANNEL_SECRET), azure);
  return { adapter: new CloudAdapter(channel), channel };
}
