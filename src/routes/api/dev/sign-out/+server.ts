import { DEV_MEMBER_COOKIE } from '$lib/server/services';
import { isHttps } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, cookies, url }) => {
  cookies.delete(DEV_MEMBER_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: isHttps(request, url)
  });
  return new Response(null, { status: 204 });
};
