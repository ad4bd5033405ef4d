import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Loads again (keeping what is shown until the answer comes). */
  reload(): void;
}

/**
 * Runs `load` when `deps` change and keeps the latest answer; an answer to an older request (deps changed
 * meanwhile) is dropped and its request aborted. While new deps load, nothing stale is shown unless `keep`
 * says so (a live ranking keeps its table while it reads the next version); `reload()` always keeps it.
 */
export function useLoad<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: unknown[],
  { keep = false }: { keep?: boolean } = {},
): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [generation, setGeneration] = useState(0);
  const loader = useRef(load);
  loader.current = load;
  const reloading = useRef(false);
  useEffect(() => {
    const controller = new AbortController();
    const keepShown = keep || reloading.current;
    reloading.current = false;
    setState((s) => (keepShown ? { ...s, loading: true } : { loading: true }));
    loader.current(controller.signal).then(
      (data) => !controller.signal.aborted && setState({ data, loading: false }),
      (error: unknown) => !controller.signal.aborted && setState({ error, loading: false }),
    );
    return () => controller.abort();
  }, [...deps, generation]);
  const reload = useCallback(() => {
    reloading.current = true;
    setGeneration((g) => g + 1);
  }, []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/** Sets the document title (what a screen reader announces on navigation). */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} – Sổ thi đua`;
  }, [title]);
}
