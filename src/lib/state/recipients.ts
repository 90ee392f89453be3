/**
 * The To and CC fields of a public reply, as an agent types them: addresses separated by
 * commas, semicolons or spaces. Both empty means "the default": the server replies to the
 * customer and to everyone on their last message.
 */
import { ReplyRecipients, RecipientAddress } from '$lib/domain/schema';

export type RecipientsInput =
  { ok: true; recipients: ReplyRecipients | undefined } | { ok: false; message: string };

function addresses(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

export function parseRecipients(to: string, cc: string): RecipientsInput {
  const toList = addresses(to);
  const ccList = addresses(cc);
  if (toList.length === 0 && ccList.length === 0) return { ok: true, recipients: undefined };
  if (toList.length === 0) return { ok: false, message: 'Add at least one address to To.' };
  const invalid = [...toList, ...ccList].find((a) => !RecipientAddress.safeParse(a).success);
  if (invalid) return { ok: false, message: `"${invalid.slice(0, 80)}" is not an email address.` };
  const parsed = ReplyRecipients.safeParse({ to: toList, cc: ccList });
  if (!parsed.success) return { ok: false, message: 'At most 50 addresses in To and in CC.' };
  return { ok: true, recipients: parsed.data };
}
