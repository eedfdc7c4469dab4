/** Issue 3's quality targets, shared by `npm run eval:understanding` and the CI gate. */
export const TARGETS = {
  /** Every slot's F1 on the labelled single messages. */
  slotF1: 0.95,
  /** Share of simulated conversations whose stored request is exactly the expected one. */
  conversationExact: 0.9,
} as const;

/** The targets a measurement misses, as readable lines (empty: all met). */
export function failedTargets(m: { slotF1?: Record<string, number>; conversationExact?: number }): string[] {
  const out: string[] = [];
  for (const [slot, f1] of Object.entries(m.slotF1 ?? {})) if (f1 < TARGETS.slotF1) out.push(`${slot}: F1 ${f1.toFixed(3)} < ${TARGETS.slotF1}`);
  if (m.conversationExact !== undefined && m.conversationExact < TARGETS.conversationExact) {
    out.push(`conversations exactly right: ${(m.conversationExact * 100).toFixed(1)}% < ${TARGETS.conversationExact * 100}%`);
  }
  return out;
}
