import { z } from 'zod';
import { DEV_MEMBER_COOKIE, getServices } from '$lib/server/services';
import { errorResponse, isHttps, readJson } from '$lib/server/http';
import type { RequestHandler } from './$types';

const SignIn = z.object({ memberId: z.string().min(1).max(64) });

/**
 * Development identity (`BATON_DEV_IDENTITY=1`, never in production): act as one of the demo
 * workspace's members without a password. Tests and benchmarks use it; 404 when it is off.
 */
export const POST: RequestHandler = async ({ request, cookies, url }) => {
  const body = await readJson(request, 4096);
  if (!body.ok) return body.response;
  const parsed = SignIn.safeParse(body.value);
  if (!parsed.success) {
    return errorResponse(400, 'invalid-request', 'Send { "memberId": "<id>" }.');
  }
  const dev = await getServices().devMembers();
  if (!dev) return errorResponse(404, 'not-found', 'The development identity is off.');
  const member = dev.members.find((m) => m.memberId === parsed.data.memberId);
  if (!member) return errorResponse(404, 'unknown-member', 'No such member in the demo workspace.');
  cookies.set(DEV_MEMBER_COOKIE, member.memberId, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: isHttps(request, url),
    maxAge: 60 * 60 * 24 * 30
  });
  return new Response(null, { status: 204 });
};
