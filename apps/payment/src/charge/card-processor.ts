import type { PaymentCard } from '@shop/contracts';

// Checked by order before it reserves stock, and again here, where the card is used.
export { cardProblem } from '@shop/contracts';

export interface CardSummary {
  readonly brand: string;
  readonly last4: string;
}

export type ProcessorDecision = { readonly approved: true } | { readonly approved: false; readonly declineCode: string };

/** Well-known test numbers, as in public card-processor sandboxes. */
const DECLINED: Readonly<Record<string, string>> = {
  '4000000000000002': 'card_declined',
  '4000000000009995': 'insufficient_funds',
};

function brandOf(digits: string): string {
  if (digits.startsWith('4')) return 'visa';
  // 2-series Mastercard is 2221-2720 only; 2200-2204 is Mir, for example.
  if (/^(5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d{2}|27[01]\d|2720)/.test(digits)) return 'mastercard';
  if (/^3[47]/.test(digits)) return 'amex';
  return 'unknown';
}

export function summarize(card: PaymentCard): CardSummary {
  return { brand: brandOf(card.number), last4: card.number.slice(-4) };
}

/** The fake processor: the documented decline numbers decline, every other valid card is approved. */
export function decide(card: PaymentCard): ProcessorDecision {
  const declineCode = DECLINED[card.number];
  return declineCode ? { approved: false, declineCode } : { approved: true };
}
