/**
 * The To and CC fields of a public reply, as an agent types them: addresses separated by
 * commas, semicolons or spaces. Both empty means "the default": the server replies to the
 * customer, to everyone on their last message and to the requesters of tickets merged into it.
 */
import { ReplyRecipients, RecipientAddress } from '$lib/domain/schema';
import { formatNumber } from '$lib/i18n/format';
import { notAnEmailAddress, recipientsNeedTo, tooManyRecipients } from '$lib/i18n/messages/ticket';

/** `ReplyRecipients`' limit per list, for the message that explains a refusal. */
const MAX_ADDRESSES = 50;

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
  if (toList.length === 0) return { ok: false, message: recipientsNeedTo() };
  const invalid = [...toList, ...ccList].find((a) => !RecipientAddress.safeParse(a).success);
  if (invalid) return { ok: false, message: notAnEmailAddress({ address: invalid.slice(0, 80) }) };
  const parsed = ReplyRecipients.safeParse({ to: toList, cc: ccList });
  if (!parsed.success) {
    return { ok: false, message: tooManyRecipients({ max: formatNumber(MAX_ADDRESSES) }) };
  }
  return { ok: true, recipients: parsed.data };
}
