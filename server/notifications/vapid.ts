/**
 * The server's VAPID key pair: from the environment when set, else the one this store made on
 * its first start (`web-push`'s generator), the private key sealed with the server's secret key
 * (`mail/secret-box.ts`). A pair that no longer opens (the secret key changed) is an error, not
 * a silent new pair: every browser's subscription is bound to the public key.
 */
import webpush from 'web-push';
import type { SecretBox } from '../mail/secret-box.ts';
import type { NotificationStore } from './store.ts';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

const KEY_ID = 'vapid';
const CONTEXT = 'baton-vapid';

export function vapidKeys(
  store: NotificationStore,
  box: SecretBox,
  configured: VapidKeys | null
): VapidKeys {
  if (configured) return configured;
  let stored = store.key(KEY_ID);
  if (!stored) {
    const pair = webpush.generateVAPIDKeys();
    stored = store.keepKey(KEY_ID, {
      publicKey: pair.publicKey,
      privateKey: box.seal(pair.privateKey, CONTEXT)
    });
  }
  const privateKey = box.open(stored.privateKey, CONTEXT);
  if (privateKey === null) {
    throw new Error(
      'The stored VAPID private key does not open with BATON_SECRET_KEY (was the key changed?). ' +
        'Set BATON_VAPID_PUBLIC_KEY and BATON_VAPID_PRIVATE_KEY, or restore the secret key.'
    );
  }
  return { publicKey: stored.publicKey, privateKey };
}
