import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';

/**
 * A text filter that lives in the URL (so a list can be reloaded and shared) but is typed into
 * freely: the input updates at once, the URL, and so the query, once typing pauses.
 * Returns the text to show in the input, its setter, and the value in effect.
 */
export function useUrlFilter(key: string, delayMs = 300) {
  const [params, setParams] = useSearchParams();
  const value = params.get(key) ?? '';
  const [input, setInput] = useState(value);
  const [seen, setSeen] = useState(value);
  // The URL changed by navigation (back, a pasted link): show what it says.
  if (value !== seen) {
    setSeen(value);
    setInput(value);
  }
  useEffect(() => {
    if (input === value) return;
    const timer = setTimeout(() => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (input) next.set(key, input);
          else next.delete(key);
          return next;
        },
        { replace: true },
      );
    }, delayMs);
    return () => clearTimeout(timer);
  }, [input, value, key, delayMs, setParams]);
  return [input, setInput, value] as const;
}
