/**
 * What the app reads about the public help centre (`/api/workspaces/<ws>/help-centre…`):
 * whether it is live at its address, and the customers' feedback on one article.
 */
import { z } from 'zod';

export const helpCentrePath = (workspaceId: string) =>
  `/api/workspaces/${encodeURIComponent(workspaceId)}/help-centre`;
export const articleFeedbackPath = (workspaceId: string, articleId: string) =>
  `${helpCentrePath(workspaceId)}/feedback/${encodeURIComponent(articleId)}`;

/** `off`: no record or not enabled; `live`: served at `/help/<slug>`; `slug-taken`: another holds it. */
export const HelpCentreStatus = z.strictObject({
  state: z.enum(['off', 'live', 'slug-taken']),
  slug: z.string().nullable()
});
export type HelpCentreStatus = z.infer<typeof HelpCentreStatus>;

export const ArticleFeedback = z.strictObject({
  yes: z.int().min(0),
  no: z.int().min(0),
  comments: z.array(
    z.strictObject({
      helpful: z.boolean(),
      comment: z.string(),
      locale: z.string(),
      at: z.int()
    })
  )
});
export type ArticleFeedback = z.infer<typeof ArticleFeedback>;
