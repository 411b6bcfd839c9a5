/**
 * React hooks over the typed API client, shared by every page.
 *
 *   const { data, error, loading, reload } = useApi('getAudit', { params: { id } });
 *   const run = useAction();  await run(() => apiClient.call('updateOption', {...}), t('saved'));
 *
 * `useApi` refetches when the serialised options change and ignores responses of superseded requests; `reload()`
 * fetches again (after a write). `useAction` shows the server's message (with the field it names) on failure
 * and an optional success message, and returns the result or `undefined` when it failed.
 */
import type { Api, EndpointName, ResponseOf } from '@cpaudit/contract';
import { App } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { apiClient } from './apiClient.ts';
import { ApiError, type CallArgs } from './client.ts';
import { errorText } from './errorText.ts';

export { errorText };

export interface ApiState<T> {
  readonly data: T | undefined;
  readonly error: ApiError | undefined;
  readonly loading: boolean;
  reload(): void;
}

/** GETs `name` with `options` (pass `null` as options to wait, e.g. until an id is known). */
export function useApi<N extends EndpointName>(
  name: N,
  ...args: CallArgs<N> | [null]
): ApiState<ResponseOf<Api[N]>> {
  const options = args[0];
  const key = options === null ? null : JSON.stringify(options ?? {});
  const [state, setState] = useState<{
    data: ResponseOf<Api[N]> | undefined;
    error: ApiError | undefined;
    loading: boolean;
  }>({ data: undefined, error: undefined, loading: key !== null });
  const [tick, setTick] = useState(0);
  const seq = useRef(0);

  useEffect(() => {
    if (key === null) return;
    const mine = ++seq.current;
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    const call = apiClient.call.bind(apiClient) as (n: N, o: unknown) => Promise<ResponseOf<Api[N]>>;
    call(name, { ...(options ?? {}), signal: controller.signal }).then(
      (data) => {
        if (mine === seq.current) setState({ data, error: undefined, loading: false });
      },
      (e: unknown) => {
        if (controller.signal.aborted || mine !== seq.current) return;
        const error = e instanceof ApiError ? e : new ApiError('NETWORK', String(e));
        setState((s) => ({ data: s.data, error, loading: false }));
      },
    );
    return () => controller.abort();
  }, [name, key, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

/** Runs a write, shows its failure (or success) as a message; resolves with its result or undefined. */
export function useAction(): <T>(fn: () => Promise<T>, success?: string) => Promise<T | undefined> {
  const { message } = App.useApp();
  return useCallback(
    async <T>(fn: () => Promise<T>, success?: string): Promise<T | undefined> => {
      try {
        const result = await fn();
        if (success) void message.success(success);
        return result;
      } catch (e) {
        void message.error(errorText(e));
        return undefined;
      }
    },
    [message],
  );
}
