import type { Activity } from 'botbuilder';
import {
  AuthenticationConstants, AuthenticationError, BotFrameworkAuthentication, ClaimsIdentity, ConnectorClient,
  UserTokenClient, type AuthenticateRequestResult, type ConnectorFactory,
} from 'botframework-connector';
import { bearerToken, SignedClaims } from '../directline/tokens';

/**
 * A bot and the Direct Line endpoint in two processes share one secret (BOT_CHANNEL_SECRET)
 * instead of Azure's identity platform. Each request carries a short-lived token signed
 * with a key derived from it, one key per direction, so a token the channel sends can
 * never be replayed against the channel, nor the bot's against the bot:
 * - channel -> bot (`bc1`): binds the activity's serviceUrl, so a caller without the secret
 *   can neither drive the bot nor make it POST anywhere;
 * - bot -> channel (`cb1`): names the serviceUrl it is sent to (its audience), so a token
 *   seen by one channel is worthless at any other.
 */
export const CHANNEL_CALLER_ID = 'urn:binome:channel';
const AUTH_TYPE = 'binome-channel-secret';
const TOKEN_SECONDS = 300;

export interface ToBotClaims { s: string; exp: number }
export interface ToChannelClaims { aud: string; exp: number }

export class ChannelTokens {
  readonly toBot: SignedClaims<ToBotClaims>;
  readonly toChannel: SignedClaims<ToChannelClaims>;

  constructor(secret: string, now: () => number = Date.now) {
    this.toBot = new SignedClaims<ToBotClaims>(secret, 'binome/channel/to-bot/v1', 'bc1', TOKEN_SECONDS, (c) => typeof c.s === 'string', now);
    this.toChannel = new SignedClaims<ToChannelClaims>(secret, 'binome/channel/to-channel/v1', 'cb1', TOKEN_SECONDS, (c) => typeof c.aud === 'string', now);
  }
}

/** The identity of a request (or proactive message) of a channel that holds the secret, for this serviceUrl. */
export function channelIdentity(serviceUrl: string): ClaimsIdentity {
  const identity = new ClaimsIdentity([
    { type: AuthenticationConstants.IssuerClaim, value: CHANNEL_CALLER_ID },
    { type: AuthenticationConstants.ServiceUrlClaim, value: serviceUrl },
  ], AUTH_TYPE);
  issued.add(identity);
  return identity;
}

/** Identities made here, never one built from claims an outside caller chose. */
const issued = new WeakSet<ClaimsIdentity>();
const isChannelIdentity = (identity: ClaimsIdentity) => issued.has(identity);
const unauthorized = () => new AuthenticationError('Unauthorized', 401);

/** Sign-in (OAuth cards) is not something this channel offers. */
class NoUserTokens extends UserTokenClient {
  private refuse(): never {
    throw new Error('User tokens are not available on this channel.');
  }
  async getUserToken(): Promise<never> { return this.refuse(); }
  async getSignInResource(): Promise<never> { return this.refuse(); }
  async signOutUser(): Promise<never> { return this.refuse(); }
  async getTokenStatus(): Promise<never> { return this.refuse(); }
  async getAadTokens(): Promise<never> { return this.refuse(); }
  async exchangeToken(): Promise<never> { return this.refuse(); }
}

/**
 * The bot's side: requests bearing a channel token are checked here; every other request
 * (Azure channels, the Emulator) goes to the usual Bot Framework authentication.
 */
export class ChannelSecretAuthentication extends BotFrameworkAuthentication {
  constructor(private readonly tokens: ChannelTokens, private readonly fallback: BotFrameworkAuthentication) {
    super();
  }

  /** Whether the request claims to come from a channel holding the secret (it is then checked here, never by the fallback). */
  claimsChannel(authHeader: unknown): boolean {
    return this.tokens.toBot.looksLike(bearerToken(authHeader));
  }

  /** A valid channel token for this serviceUrl. */
  verifies(token: string | undefined, serviceUrl: unknown): boolean {
    const check = this.tokens.toBot.verify(token);
    return check.ok && typeof serviceUrl === 'string' && serviceUrl.length > 0 && check.claims.s === serviceUrl;
  }

  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    if (!this.claimsChannel(authHeader)) return this.fallback.authenticateRequest(activity, authHeader);
    if (!this.verifies(bearerToken(authHeader), activity.serviceUrl)) throw unauthorized();
    const claimsIdentity = channelIdentity(activity.serviceUrl);
    return { audience: CHANNEL_CALLER_ID, claimsIdentity, callerId: CHANNEL_CALLER_ID, connectorFactory: this.createConnectorFactory(claimsIdentity) };
  }

  async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    if (this.claimsChannel(authHeader)) throw unauthorized();
    return this.fallback.authenticateStreamingRequest(authHeader, channelIdHeader);
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    if (!isChannelIdentity(claimsIdentity)) return this.fallback.createConnectorFactory(claimsIdentity);
    const allowed = claimsIdentity.getClaimValue(AuthenticationConstants.ServiceUrlClaim);
    const tokens = this.tokens;
    return {
      async create(serviceUrl: string): Promise<ConnectorClient> {
        // Only the serviceUrl the channel's token vouched for: never an address taken from elsewhere.
        if (!allowed || serviceUrl !== allowed) throw unauthorized();
        const credentials = {
          async signRequest<R extends { headers: { set(name: string, value: string): void } }>(request: R): Promise<R> {
            request.headers.set('authorization', `Bearer ${tokens.toChannel.issue({ aud: serviceUrl }).token}`);
            return request;
          },
        };
        return new ConnectorClient(credentials as unknown as ConstructorParameters<typeof ConnectorClient>[0], { baseUri: serviceUrl });
      },
    };
  }

  async createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return isChannelIdentity(claimsIdentity) ? new NoUserTokens() : this.fallback.createUserTokenClient(claimsIdentity);
  }

  override async authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.fallback.authenticateChannelRequest(authHeader);
  }
}
