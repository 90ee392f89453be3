import { DEV_MEMBER_COOKIE } from '$lib/server/services';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ cookies, url }) => {
  cookies.delete(DEV_MEMBER_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: url.protocol === 'https:'
  });
  return new Response(null, { status: 204 });
};
