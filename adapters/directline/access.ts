import type { IncomingMessage } from 'node:http';
import type { Conversation, ConversationHub } from './ConversationHub';
import { bearerToken, secretMatches, type TokenClaims, type TokenSigner } from './tokens';

export type Auth = { ok: true; claims: TokenClaims | null; bySecret: boolean } | { ok: false; status: 401 | 403; error: string };

export type Access =
  | { ok: true; c: Conversation; claims: TokenClaims | null }
  | { ok: false; status: 401 | 403 | 404; error: string; message: string };

/**
 * Who may touch a Direct Line conversation: the secret (a trusted backend), or a signed token
 * bound to that very conversation. One rule for the HTTP routes, the upload refusal and the
 * WebSocket stream.
 */
export class DirectLineAccess {
  constructor(private readonly secret: string, private readonly signer: TokenSigner, private readonly hub: ConversationHub) {}

  /** The token (or the secret) presented: in `token` (the stream's query), else as a bearer. */
  authenticate(req: IncomingMessage, token?: string | null): Auth {
    const presented = token ?? bearerToken(req.headers.authorization);
    if (!presented) return { ok: false, status: 401, error: 'missing_token' };
    if (secretMatches(presented, this.secret)) return { ok: true, claims: null, bySecret: true };
    const check = this.signer.verify(presented);
    if (!check.ok) return { ok: false, status: 403, error: check.reason === 'expired' ? 'token_expired' : 'invalid_token' };
    return { ok: true, claims: check.claims, bySecret: false };
  }

  /** The conversation `id`, when the caller may use it and it is known. */
  conversation(req: IncomingMessage, id: string, token?: string | null): Access {
    const auth = this.authenticate(req, token);
    if (!auth.ok) return { ok: false, status: auth.status, error: auth.error, message: 'A valid Direct Line token is required.' };
    // Checked before existence, so a token never learns whether another conversation exists.
    if (auth.claims && auth.claims.c !== id) return { ok: false, status: 403, error: 'wrong_conversation', message: 'This token is for another conversation.' };
    const c = this.hub.get(id);
    if (!c) return { ok: false, status: 404, error: 'conversation_not_found', message: 'Unknown or expired conversation.' };
    return { ok: true, c, claims: auth.claims };
  }
}
