/**
 * What one delivery attempt gave. `error` is a short code (http_500, timeout, smtp_550…),
 * never a message that could quote personal data. `retry: false` means trying again cannot
 * help (no contact, receiver gone, refused address): the notification is dead at once.
 */
export type DeliveryResult =
  | { ok: true; detail?: string }
  | { ok: false; retry: boolean; error: string; reason?: 'no_contact' | 'receiver_gone' };

export const delivered = (detail?: string): DeliveryResult => ({ ok: true, detail });
export const temporaryFailure = (error: string): DeliveryResult => ({ ok: false, retry: true, error });
export const permanentFailure = (error: string, reason?: 'no_contact' | 'receiver_gone'): DeliveryResult => ({ ok: false, retry: false, error, reason });
