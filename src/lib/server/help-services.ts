/**
 * The seam between SvelteKit's public help centre routes (`src/routes/help/`), the app's
 * help-centre endpoints, and Baton's help module (`server/help`), registered like
 * `services.ts`. The public side needs no sign-in: the services serve published public
 * articles of workspaces that opted in, and nothing else.
 */
import type { ArticleFeedback, HelpCentreStatus } from '../contract/help';
import { serviceSlot } from './service-slot';

export interface HelpRequest {
  /** The `<slug>` of `/help/<slug>/…`. */
  slug: string;
  /** What follows the slug, without the leading slash (`''`, `articles/<id>`, `sitemap.xml`…). */
  path: string;
  query: URLSearchParams;
  ip: string;
  acceptLanguage: string | null;
  /** `https://host`, for canonical and sitemap addresses. */
  origin: string;
}

export interface HelpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface HelpServices {
  get(request: HelpRequest): Promise<HelpResponse>;
  /** A form post (the feedback form); `form` is `null` when the body was not a readable form. */
  post(request: HelpRequest, form: Record<string, string> | null): Promise<HelpResponse>;
  /** The site's `/robots.txt`: the help centres may be crawled, the app may not. */
  robots(): Promise<HelpResponse>;
  /** For the app (the caller authorized the member). */
  status(workspaceId: string): Promise<HelpCentreStatus>;
  feedback(workspaceId: string, articleId: string): Promise<ArticleFeedback>;
}

const slot = serviceSlot<HelpServices>('help-services', 'help centre services');
export const registerHelpServices = slot.register;
export const getHelpServices = slot.get;
