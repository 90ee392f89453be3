import { error } from '@sveltejs/kit';

/**
 * Any address under a workspace that no page answers: a 404 shown by the workspace's error
 * page, inside the app's frame (header, navigation), instead of the bare root error.
 */
export function load(): never {
  error(404, 'Not Found');
}
