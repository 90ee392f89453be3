/**
 * The member's own API tokens in a workspace: listed without their secrets; a new token's
 * secret is in the answer that made it, once. Refusals throw an `ApiError`.
 */
import type { ApiTokenInfo, TokenScope } from '$lib/contract/api';
import { orThrow, type Api } from '$lib/api/client';

export interface ApiTokensDeps {
  api: Pick<Api, 'tokens' | 'createToken' | 'revokeToken'>;
  workspaceId: string;
}

export class ApiTokensState {
  #tokens = $state.raw<ApiTokenInfo[]>([]);
  readonly #deps: ApiTokensDeps;

  constructor(deps: ApiTokensDeps) {
    this.#deps = deps;
  }

  get tokens(): readonly ApiTokenInfo[] {
    return this.#tokens;
  }

  async load(): Promise<void> {
    this.#tokens = orThrow(await this.#deps.api.tokens(this.#deps.workspaceId)).tokens;
  }

  /** Makes a token and answers its secret (shown once); the list is reloaded. */
  async create(name: string, scope: TokenScope): Promise<string> {
    const made = orThrow(await this.#deps.api.createToken(this.#deps.workspaceId, { name, scope }));
    await this.load();
    return made.token;
  }

  async revoke(tokenId: string): Promise<void> {
    orThrow(await this.#deps.api.revokeToken(tokenId));
    await this.load();
  }

  reset(): void {
    this.#tokens = [];
  }
}
