import { json } from '@sveltejs/kit';
import { getMailServices } from '$lib/server/mail-services';
import { authorizeWorkspace } from '$lib/server/authorize';
import { errorResponse } from '$lib/server/http';
import type { RequestHandler } from './$types';

/**
 * Starts an import of uploaded `.mbox` / `.eml` files (multipart form, field `files`). Answers
 * 202 with a job id at once; progress is at `GET …/mail/import/<job>`. The upload is bounded
 * by the server's body size limit (BODY_SIZE_LIMIT); larger exports go through the CLI. The
 * request must carry `x-baton-upload: 1`, a header no form can send (checked before this runs:
 * `refuseFormRequest` in `$lib/server/http`).
 */
export const POST: RequestHandler = async ({ params, request, locals }) => {
  const allowed = await authorizeWorkspace(locals.principal, params.workspace, 'manage-mailbox');
  if (!allowed.ok) return allowed.response;
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return errorResponse(400, 'invalid-request', 'Send the files as multipart/form-data.');
  }
  const files: { name: string; data: Uint8Array }[] = [];
  for (const value of form.getAll('files')) {
    if (typeof value === 'string') continue;
    files.push({ name: value.name, data: new Uint8Array(await value.arrayBuffer()) });
  }
  if (files.length === 0) return errorResponse(400, 'invalid-request', 'No files were sent.');
  const result = await getMailServices().startImport(allowed.grant.workspaceId, files);
  return json(result.body, { status: result.status });
};
