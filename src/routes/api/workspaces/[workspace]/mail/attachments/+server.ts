import { json } from '@sveltejs/kit';
import { getMailServices } from '$lib/server/mail-services';
import { authorizeWorkspace } from '$lib/server/authorize';
import { errorResponse } from '$lib/server/http';
import { REPLY_ATTACHMENT_LIMITS } from '$lib/domain/reply-delivery';
import type { RequestHandler } from './$types';

/** Multipart overhead above the file itself (boundaries, part headers). */
const FORM_OVERHEAD = 16 * 1024;

/**
 * Stores one file for a public reply (multipart, field `file`, with `x-baton-upload: 1`:
 * `refuseFormRequest` checks that before this runs). Members who may reply; the file is
 * readable by the workspace's members only, and named in the reply entry the browser writes
 * next. A declared body over the limit is refused before it is read.
 */
export const POST: RequestHandler = async ({ params, request, locals }) => {
  const allowed = await authorizeWorkspace(locals.principal, params.workspace, 'reply');
  if (!allowed.ok) return allowed.response;
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > REPLY_ATTACHMENT_LIMITS.maxFileBytes + FORM_OVERHEAD) {
    return errorResponse(
      413,
      'too-large',
      `A file may be at most ${REPLY_ATTACHMENT_LIMITS.maxFileBytes} bytes.`
    );
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return errorResponse(400, 'invalid-request', 'Send the file as multipart/form-data.');
  }
  const files = form.getAll('file').filter((value) => typeof value !== 'string');
  const file = files[0];
  if (!file || files.length > 1) {
    return errorResponse(400, 'invalid-request', 'Send exactly one file in the field "file".');
  }
  const result = await getMailServices().putReplyAttachment(allowed.grant.workspaceId, {
    name: file.name,
    type: file.type,
    data: new Uint8Array(await file.arrayBuffer())
  });
  return json(result.body, { status: result.status });
};
