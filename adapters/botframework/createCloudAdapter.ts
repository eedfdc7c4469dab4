import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type { Config } from '../../config';

/** The Bot Framework adapter for the configured credentials (none: unauthenticated, loopback only). */
export function createCloudAdapter(config: Config): CloudAdapter {
  const authenticated = !!config.MicrosoftAppId;
  return new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: config.MicrosoftAppId ?? '',
      MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
      MicrosoftAppType: config.MicrosoftAppType ?? (authenticated ? 'MultiTenant' : ''),
      MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
    } as ConfigurationBotFrameworkAuthenticationOptions),
  );
}
